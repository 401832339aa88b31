package io.candlebus.launcher;

/**
 * A start-up failure whose cause is known and fully told by its one-line message (for example a port in
 * use), so it is reported without a stack trace.
 */
final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
