package io.candlebus.launcher.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, on every route, a request whose declared body length is over the limit (413) or not a number
 * (400), before any of the body is read. Bodies without a declared length are held to the limit while read.
 */
final class DeclaredLengthLimit implements Handler<RoutingContext> {
    private final HttpErrors errors;
    private final int maxBodyBytes;

    DeclaredLengthLimit(HttpErrors errors, int maxBodyBytes) {
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared < 0) {
                ErrorReply.send(ctx.request(), 400, "Content-Length: expected a non-negative integer", true);
                return;
            }
            if (declared > maxBodyBytes) {
                ErrorReply.send(ctx.request(), 413, errors.message(413));
                return;
            }
        }
        ctx.next();
    }
}
