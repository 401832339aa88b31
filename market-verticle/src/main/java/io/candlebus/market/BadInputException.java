package io.candlebus.market;

/**
 * Says that a venue message or REST body cannot be used: {@code kind} is a short stable category
 * ({@code malformed-json}, {@code missing-field}, {@code wrong-type}, {@code bad-number},
 * {@code non-positive}, {@code negative}, {@code high-below-low}, {@code out-of-range},
 * {@code misaligned}, {@code bad-close-time}, {@code unknown-symbol}, {@code unknown-interval},
 * {@code bad-time}, {@code bad-side}; the feeds add {@code oversized} and {@code invalid}) and
 * {@code detail} names the field and the value. The parsers throw nothing else on any input (their
 * property tests check it), so a bad message can never take a reader down.
 */
public final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String kind;

    public BadInputException(String kind, String detail) {
        super(kind + ": " + detail, null, false, false);
        this.kind = kind;
    }

    /** Returns the category counted in heartbeats as {@code badInput.<kind>}. */
    public String kind() {
        return kind;
    }
}
