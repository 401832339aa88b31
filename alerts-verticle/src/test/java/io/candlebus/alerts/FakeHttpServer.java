package io.candlebus.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Telegram, Discord and a webhook receiver: a Vert.x HTTP server on a free loopback
 * port that records every request (path, JSON body, arrival time) and answers as its {@link Responder}
 * says (by default 200 with Telegram's {@code {"ok":true}}).
 */
final class FakeHttpServer {
    /** One request as it arrived. */
    record Received(String path, JsonObject body, long arrivedNanos) {}

    /** Answers request number {@code index} (from 0) of all requests to this server. */
    interface Responder {
        void respond(HttpServerRequest request, int index);
    }

    static final Responder OK = (req, i) ->
            req.response().putHeader("Content-Type", "application/json").end("{\"ok\":true,\"result\":{}}");

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Responder responder = OK;
    private HttpServer server;

    static FakeHttpServer start(Vertx vertx) {
        FakeHttpServer fake = new FakeHttpServer();
        fake.server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    long at = System.nanoTime();
                    fake.received.add(
                            new Received(req.path(), body.length() == 0 ? new JsonObject() : body.toJsonObject(), at));
                    fake.responder.respond(req, fake.count.getAndIncrement());
                }))
                .listen(0, "127.0.0.1")
                .await();
        return fake;
    }

    FakeHttpServer respondWith(Responder r) {
        this.responder = r;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    List<Received> all() {
        return List.copyOf(received);
    }

    void close() {
        server.close().await();
    }
}
