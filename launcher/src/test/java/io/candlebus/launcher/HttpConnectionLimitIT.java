package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Heartbeat;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A real node (simulator at 60x, feeds, recorder, HTTP with at most 50 connections) while a client holds 200
 * idle TCP connections to its HTTP port: the server keeps at most 50 open, says so once in the log,
 * {@code /health/live} still answers on a fresh connection, and candles keep being published and recorded.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class HttpConnectionLimitIT {
    private static final int MAX = 50;
    private static final int HELD = 200;

    @Test
    void idleConnectionsOverTheMaximumStarveNeitherHealthChecksNorTheRecorderNorTheFeeds(@TempDir Path data)
            throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger guardLog = (Logger) LoggerFactory.getLogger("io.candlebus.launcher.http.ConnectionGuard");
        guardLog.addAppender(logged);
        AppConfig config = AppConfig.fromJson(
                new JsonObject()
                        .put("node", "limit-it")
                        .put("roles", "market,recorder,http")
                        .put("sim", new JsonObject().put("speed", 60))
                        .put("recorder", new JsonObject().put("dataDir", data.toString()))
                        .put(
                                "http",
                                new JsonObject()
                                        .put("port", 0)
                                        .put("maxConnections", MAX)
                                        // Long deadlines: what closes the held connections here is the limit.
                                        .put("headerTimeoutMillis", 600_000)
                                        .put("idleTimeoutMillis", 600_000)),
                Map.of());
        AtomicLong closedCandles = new AtomicLong();
        Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
        Node node = Node.start(config, vertx -> {
                    vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closedCandles.incrementAndGet());
                    vertx.eventBus()
                            .<Heartbeat>consumer(
                                    Addresses.STATUS_HEARTBEAT,
                                    m -> heartbeats.put(
                                            m.body().node() + "/" + m.body().component(), m.body()));
                })
                .await(120, TimeUnit.SECONDS);
        Vertx clients = Vertx.vertx();
        try {
            int port = node.httpPort();
            await("candles recorded before the connections are opened")
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> written(heartbeats) > 0);

            AtomicInteger connected = new AtomicInteger();
            AtomicInteger closedByServer = new AtomicInteger();
            NetClient net = clients.createNetClient(new NetClientOptions().setConnectTimeout(10_000));
            for (int i = 0; i < HELD; i++) {
                net.connect(port, "127.0.0.1").onSuccess(socket -> {
                    connected.incrementAndGet();
                    socket.closeHandler(v -> closedByServer.incrementAndGet());
                });
            }
            await("all connections made and the excess closed by the server")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> connected.get() == HELD && closedByServer.get() >= HELD - MAX);
            assertThat(connected.get() - closedByServer.get()).isEqualTo(MAX);

            long candlesBefore = closedCandles.get();
            long writtenBefore = written(heartbeats);
            for (int i = 0; i < 3; i++) {
                // A new client per check: a fresh connection, not one kept alive from before.
                HttpResponse<String> live = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(live.statusCode()).isEqualTo(200);
            }
            await("candles published and recorded while the connections are held")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> closedCandles.get() >= candlesBefore + 10 && written(heartbeats) > writtenBefore);

            // Still at most the maximum open, and the limit was reported once, not once per connection.
            assertThat(connected.get() - closedByServer.get()).isLessThanOrEqualTo(MAX);
            assertThat(logged.list.stream()
                            .filter(e -> e.getFormattedMessage().startsWith("HTTP connection limit reached: 50 open")))
                    .hasSize(1);
            System.out.printf(
                    "HttpConnectionLimitIT: %d connections made, %d closed by the server, %d candles published and"
                            + " %d written while held%n",
                    connected.get(),
                    closedByServer.get(),
                    closedCandles.get() - candlesBefore,
                    written(heartbeats) - writtenBefore);
        } finally {
            guardLog.detachAppender(logged);
            clients.close().await(30, TimeUnit.SECONDS);
            node.close().await(60, TimeUnit.SECONDS);
        }
    }

    private static long written(Map<String, Heartbeat> heartbeats) {
        Heartbeat h = heartbeats.get("limit-it/recorder");
        return h == null ? 0 : h.counters().getOrDefault("written", 0L);
    }
}
