package io.candlebus.contract;

/** Failure codes used in event-bus replies; the HTTP server maps each to a status. */
public enum FailureCode {
    INVALID(400, 400),
    UNAUTHORIZED(401, 401),
    NOT_FOUND(404, 404),
    /** A client order id reused with different parameters. */
    CONFLICT(409, 409),
    REJECTED(422, 422),
    UNAVAILABLE(503, 503),
    INTERNAL(500, 500);

    private final int code;
    private final int httpStatus;

    FailureCode(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** Returns the integer passed to {@code Message#fail}. */
    public int code() {
        return code;
    }

    /** Returns the HTTP status a failure with this code becomes. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Returns the failure code for a {@code ReplyException#failureCode()}, INTERNAL if unknown. */
    public static FailureCode of(int code) {
        for (FailureCode f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return INTERNAL;
    }
}
