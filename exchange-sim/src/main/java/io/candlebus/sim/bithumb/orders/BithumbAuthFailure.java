package io.candlebus.sim.bithumb.orders;

/** A private request failed Bithumb's authentication: answered 401 with {@code name} and a message. */
final class BithumbAuthFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** The hashed parameters differ from the request's. */
    static final String INVALID_QUERY_PAYLOAD = "invalid_query_payload";
    /** The token is malformed, unsigned, signed with another secret or for an unknown key. */
    static final String JWT_VERIFICATION = "jwt_verification";
    /** The token's timestamp is too far from the venue's clock. */
    static final String EXPIRED_JWT = "expired_jwt";

    private final String name;

    BithumbAuthFailure(String name, String message) {
        super(message, null, false, false);
        this.name = name;
    }

    String name() {
        return name;
    }
}
