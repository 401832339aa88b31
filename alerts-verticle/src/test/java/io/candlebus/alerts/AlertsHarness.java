package io.candlebus.alerts;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.codec.Codecs;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Deploys an {@link AlertsVerticle} on a real bus against a {@link FakeHttpServer} posing as all three
 * sinks, and keeps the verticle's latest heartbeat.
 */
final class AlertsHarness {
    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    static final String TELEGRAM_PATH = "/bot" + TOKEN + "/sendMessage";
    static final String WEBHOOK_PATH = "/hook";
    static final String DISCORD_PATH = "/api/webhooks/1/discord-secret";
    static final String NODE = "alerts-node";

    final Vertx vertx;
    final FakeHttpServer server;
    final AtomicReference<Heartbeat> heartbeat = new AtomicReference<>();
    final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();

    private AlertsHarness(Vertx vertx, FakeHttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts the fake server and the verticle; {@code overrides} are merged over the test defaults. */
    static AlertsHarness start(Vertx vertx, JsonObject overrides) {
        Codecs.registerAll(vertx.eventBus());
        FakeHttpServer server = FakeHttpServer.start(vertx);
        AlertsHarness h = new AlertsHarness(vertx, server);
        vertx.eventBus().<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> {
            if (m.body().component().equals(AlertsVerticle.COMPONENT)) {
                h.heartbeat.set(m.body());
                h.heartbeats.add(m.body());
            }
        });
        JsonObject json = new JsonObject()
                .put("webhook", new JsonObject().put("url", server.url() + WEBHOOK_PATH))
                .put("telegram", new JsonObject().put("apiUrl", server.url()).put("chatId", "42"))
                .put("discord", new JsonObject().put("webhookUrl", server.url() + DISCORD_PATH))
                .put("throttleMillis", 0)
                .put("retryBaseMillis", 50)
                .put("retryMaxMillis", 400)
                .put("requestTimeoutMillis", 2000)
                .mergeIn(overrides, true);
        AlertsConfig config = AlertsConfig.fromJson(json, "alerts", TOKEN);
        vertx.deployVerticle(new AlertsVerticle(config, Clock.systemUTC(), NODE))
                .await();
        return h;
    }

    /** The texts Telegram received, in order. */
    List<String> telegramTexts() {
        return server.received(TELEGRAM_PATH).stream()
                .map(r -> r.body().getString("text"))
                .toList();
    }

    /** The kinds the webhook received, in order. */
    List<String> webhookKinds() {
        return server.received(WEBHOOK_PATH).stream()
                .map(r -> r.body().getString("kind"))
                .toList();
    }

    /** The contents Discord received, in order. */
    List<String> discordContents() {
        return server.received(DISCORD_PATH).stream()
                .map(r -> r.body().getString("content"))
                .toList();
    }

    /** A counter of the latest alerts heartbeat, 0 before any. */
    long counter(String name) {
        Heartbeat hb = heartbeat.get();
        Map<String, Long> c = hb == null ? Map.of() : hb.counters();
        return c.getOrDefault(name, 0L);
    }

    void publish(String address, Object body) {
        vertx.eventBus().publish(address, body);
    }
}
