package io.candlebus.order.journal;

import java.io.IOException;

/**
 * A complete journal record cannot be read: its checksum or its content is wrong. A crash only ever
 * leaves an incomplete last line (cut off and reported, not this), so this means the file was damaged or
 * edited, and guessing what was sent could place an order twice: the node refuses to start.
 */
public final class JournalCorruptException extends IOException {
    private static final long serialVersionUID = 1L;

    JournalCorruptException(String message) {
        super(message);
    }
}
