package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Heartbeat;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts role in a node against the simulator: when the simulator stalls a stream, a stale-stream alert
 * reaches a fake webhook and a fake Telegram (token from the environment), and a recovery alert once data
 * flows again; and a recorder that cannot write raises a recorder-failing alert from its real heartbeat.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AlertsRoleIT {
    private static final String BTC = "binance:spot:BTCUSDT";
    private static final long MINUTE = 60_000;
    private static final String TOKEN = "4242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    private final Vertx fakeVertx = Vertx.vertx();
    private Node node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close().await(60, TimeUnit.SECONDS);
        }
        fakeVertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void aRecorderThatCannotWriteRaisesRecorderFailing(@TempDir Path dir) throws Exception {
        List<JsonObject> webhook = new CopyOnWriteArrayList<>();
        HttpServer fake = fakeVertx
                .createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    webhook.add(body.toJsonObject());
                    req.response().end();
                }))
                .listen(0, "127.0.0.1")
                .await(30, TimeUnit.SECONDS);
        // A regular file where the dataset's directory should be: every write fails.
        Path notADirectory = Files.writeString(dir.resolve("data"), "not a directory");
        AppConfig config = AppConfig.fromJson(
                new JsonObject()
                        .put("node", "alerts-rec-it")
                        .put("roles", "market,recorder,alerts")
                        .put("sim", new JsonObject().put("speed", 60))
                        .put("market", new JsonObject().put("instruments", new JsonArray().add(BTC)))
                        .put(
                                "recorder",
                                new JsonObject()
                                        .put("dataDir", notADirectory.toString())
                                        .put("flushIntervalMillis", 200))
                        .put(
                                "alerts",
                                new JsonObject()
                                        .put(
                                                "webhook",
                                                new JsonObject()
                                                        .put("url", "http://127.0.0.1:" + fake.actualPort() + "/hook"))
                                        .put("kinds", "recorder-failing")),
                Map.of());
        node = Node.start(config).await(120, TimeUnit.SECONDS);

        await("recorder failing").atMost(Duration.ofSeconds(120)).until(() -> webhook.stream()
                .anyMatch(b -> b.getString("kind").equals("recorder-failing")));
        JsonObject alert = webhook.get(0);
        assertThat(alert.getString("subject")).isEqualTo("alerts-rec-it/recorder");
        assertThat(alert.getString("text")).startsWith("RECORDER FAILING: alerts-rec-it/recorder");
    }

    @Test
    void aStalledStreamRaisesStaleThenRecoveredAlerts() throws Exception {
        List<JsonObject> webhook = new CopyOnWriteArrayList<>();
        List<JsonObject> telegram = new CopyOnWriteArrayList<>();
        HttpServer fake = fakeVertx
                .createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    (req.path().equals("/bot" + TOKEN + "/sendMessage") ? telegram : webhook)
                            .add(body.toJsonObject().put("path", req.path()));
                    req.response().end("{\"ok\":true}");
                }))
                .listen(0, "127.0.0.1")
                .await(30, TimeUnit.SECONDS);
        String fakeUrl = "http://127.0.0.1:" + fake.actualPort();
        AppConfig config = AppConfig.fromJson(
                new JsonObject()
                        .put("node", "alerts-it")
                        .put("roles", "market,alerts")
                        .put("sim", new JsonObject().put("speed", 60))
                        .put(
                                "market",
                                new JsonObject()
                                        .put("instruments", new JsonArray().add(BTC))
                                        // Keep the stalled connection: the stream stays quiet for the stall.
                                        .put("stallTimeoutMillis", 3_600_000))
                        .put(
                                "alerts",
                                new JsonObject()
                                        .put("webhook", new JsonObject().put("url", fakeUrl + "/hook"))
                                        .put(
                                                "telegram",
                                                new JsonObject()
                                                        .put("apiUrl", fakeUrl)
                                                        .put("chatId", 7))
                                        .put("kinds", "stream-stale,stream-recovered")
                                        .put("throttleMillis", 0)
                                        // Sim time: at 60x, five sim minutes are five real seconds.
                                        .put("staleStreamMillis", 5 * MINUTE)),
                Map.of("CANDLEBUS_TELEGRAM_BOT_TOKEN", TOKEN));
        List<String> withData = new CopyOnWriteArrayList<>();
        node = Node.start(config, vertx -> vertx.eventBus()
                        .<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> m.body().streams().stream()
                                .filter(s -> s.lastMessageTime() > 0)
                                .forEach(s -> withData.add(s.instrument().key()))))
                .await(120, TimeUnit.SECONDS);

        // Data first (a stream with no message yet has no age), then stalled.
        await("stream has data").atMost(Duration.ofSeconds(120)).until(() -> withData.contains(BTC));
        // Twelve sim minutes (12 s at 60x): past the stale threshold long enough to be alerted, and no longer.
        node.simulator().faults().stallStreams(12 * MINUTE).await(10, TimeUnit.SECONDS);

        await("stale, then recovered").atMost(Duration.ofSeconds(180)).until(() -> webhook.stream()
                .anyMatch(b -> b.getString("kind").equals("stream-recovered")));
        assertThat(webhook).extracting(b -> b.getString("kind")).containsExactly("stream-stale", "stream-recovered");
        assertThat(webhook).allSatisfy(b -> assertThat(b.getString("subject")).isEqualTo(BTC));
        assertThat(webhook.get(0).getString("node")).isEqualTo("alerts-it");
        await("telegram too").atMost(Duration.ofSeconds(10)).until(() -> telegram.size() == 2);
        assertThat(telegram.get(0).getString("chat_id")).isEqualTo("7");
        assertThat(telegram.get(0).getString("text")).startsWith("STREAM STALE: " + BTC);
        assertThat(telegram.get(1).getString("text")).startsWith("STREAM RECOVERED: " + BTC);
    }
}
