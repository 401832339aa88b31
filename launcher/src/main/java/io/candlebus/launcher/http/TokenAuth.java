package io.candlebus.launcher.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards control endpoints with a bearer token. Without a configured token the endpoints are
 * disabled (403) rather than open: the prototype's unauthenticated {@code GET /order} is what we replace.
 */
final class TokenAuth implements Handler<RoutingContext> {
    private final byte[] token;

    TokenAuth(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (token == null) {
            error(ctx, 403, "control endpoints are disabled: set CANDLEBUS_CONTROL_TOKEN to enable them");
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            error(
                    ctx,
                    401,
                    "Authorization: expected 'Bearer <token>', was " + (header == null ? "missing" : "another scheme"));
            return;
        }
        byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: the token must not leak through response timing.
        if (!MessageDigest.isEqual(token, given)) {
            error(ctx, 401, "Authorization: bearer token does not match");
            return;
        }
        ctx.next();
    }

    /**
     * Answers with {@code status} and {@code {"error": message}}; runs before any body is read on the control
     * routes, so a refused request's body never is.
     */
    static void error(RoutingContext ctx, int status, String message) {
        ErrorReply.send(ctx.request(), status, message);
    }
}
