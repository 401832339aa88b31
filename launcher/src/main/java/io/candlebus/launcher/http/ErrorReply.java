package io.candlebus.launcher.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** Answers a request with a small JSON error, {@code {"error": "..."}}, in our own words. */
final class ErrorReply {
    private ErrorReply() {}

    /**
     * Sends {@code status} with {@code message}. If the request's body has not been read (an early refusal,
     * such as a missing token or an oversized body), the connection is closed after the answer instead of
     * reading and discarding a body nobody wants.
     */
    static void send(HttpServerRequest request, int status, String message) {
        send(request, status, message, false);
    }

    /** Sends as {@link #send(HttpServerRequest, int, String)}, closing the connection after it if {@code close}. */
    static void send(HttpServerRequest request, int status, String message, boolean close) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        boolean unread = close || (!request.isEnded() && hasBody(request));
        response.setStatusCode(status).putHeader("Content-Type", "application/json");
        if (unread) {
            response.putHeader("Connection", "close");
        }
        response.end(new JsonObject().put("error", message).encode()).onComplete(ar -> {
            if (unread) {
                request.connection().close();
            }
        });
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return request.getHeader("Transfer-Encoding") != null
                || (length != null && !length.trim().equals("0"));
    }
}
