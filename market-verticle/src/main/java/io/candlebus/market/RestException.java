package io.candlebus.market;

/**
 * A venue REST call failed: {@code status} is the HTTP status (0 if no response arrived) and
 * {@code retryAfterMillis} the venue's Retry-After (0 if none).
 */
public final class RestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final long retryAfterMillis;

    public RestException(int status, long retryAfterMillis, String message) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterMillis = retryAfterMillis;
    }

    public int status() {
        return status;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
