package io.candlebus.alerts;

import static io.candlebus.alerts.AlertsHarness.TELEGRAM_PATH;
import static io.candlebus.alerts.AlertsHarness.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.candlebus.contract.Addresses;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.codec.ContractJson;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The Telegram bot token appears nowhere but in the request line sent to Telegram: not in any log line at
 * any level (request timeouts quote the request URI, which holds it), and not in heartbeats.
 */
@ExtendWith(VertxExtension.class)
class TokenSecrecyIT {
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;
    private Level rootLevel;

    @BeforeEach
    void captureEveryLogLine() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        ((Logger) LoggerFactory.getLogger("io.candlebus")).setLevel(Level.DEBUG);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void restore() {
        root.detachAppender(captured);
        root.setLevel(rootLevel);
        ((Logger) LoggerFactory.getLogger("io.candlebus")).setLevel(Level.INFO);
    }

    @Test
    void theTokenIsNeverLoggedNorInHeartbeats(Vertx vertx) {
        AlertsHarness h = AlertsHarness.start(
                vertx,
                new JsonObject()
                        .put("requestTimeoutMillis", 300)
                        .put("maxAttempts", 2)
                        .put("kinds", "order-filled"));
        h.server.respondWith((req, i) -> {
            if (!req.path().equals(TELEGRAM_PATH)) {
                FakeHttpServer.OK.respond(req, i);
                return;
            }
            int n = h.server.received(TELEGRAM_PATH).size();
            if (n == 1) {
                // No answer: the client times out, and its exception quotes the request line.
                return;
            }
            if (n == 2) {
                req.response().setStatusCode(500).end("{\"ok\":false,\"description\":\"Internal Server Error\"}");
                return;
            }
            req.response()
                    .setStatusCode(401)
                    .putHeader("Content-Type", "application/json")
                    .end("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
        });

        h.publish(Addresses.ORDERS_EVENTS, AlertsVerticleIT.order("t1", AlertsVerticleIT.BTC, OrderStatus.FILLED, ""));
        h.publish(Addresses.ORDERS_EVENTS, AlertsVerticleIT.order("t2", AlertsVerticleIT.BTC, OrderStatus.FILLED, ""));

        await().atMost(Duration.ofSeconds(15)).until(() -> h.counter("telegram.failed") == 2);
        assertThat(h.server.received(TELEGRAM_PATH)).hasSize(3);

        List<String> lines = captured.list.stream()
                .map(e -> e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
        assertThat(lines).anyMatch(l -> l.startsWith("alerts sink telegram: ") && l.contains("/bot***/sendMessage"));
        assertThat(lines).anyMatch(l -> l.contains("Unauthorized"));
        String secret = TOKEN.substring(TOKEN.indexOf(':') + 1);
        assertThat(lines).noneMatch(l -> l.contains(secret));
        assertThat(h.heartbeats).isNotEmpty();
        assertThat(h.heartbeats).noneMatch(hb -> ContractJson.toJson(hb).contains(secret));
    }
}
