package io.candlebus.alerts;

import static io.candlebus.alerts.AlertsHarness.TELEGRAM_PATH;
import static io.candlebus.alerts.AlertsHarness.WEBHOOK_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import io.candlebus.contract.Signal;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alerts role end to end: contract records published on a real Vert.x bus, alerts arriving at a local
 * fake Telegram, webhook and Discord over HTTP.
 */
@ExtendWith(VertxExtension.class)
class AlertsVerticleIT {
    static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    static final Instrument ETH = Instrument.parse("binance:spot:ETHUSDT");
    static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    static final Duration DEADLINE = Duration.ofSeconds(15);

    static Signal signal(long openTime, String reason) {
        return new Signal(
                Signal.idOf("bb-lower", BTC, Interval.M1, openTime, Side.BUY),
                "bb-lower",
                BTC,
                Interval.M1,
                openTime,
                Side.BUY,
                new BigDecimal("87000.10"),
                reason,
                openTime + 60_000);
    }

    /** A signal whose candle closed at the start of the current minute: fresh. */
    static Signal freshSignal(String reason) {
        long open = Interval.M1.openTimeOf(System.currentTimeMillis()) - 60_000;
        return signal(open, reason);
    }

    static OrderEvent order(String id, Instrument instrument, OrderStatus status, String reason) {
        return new OrderEvent(
                id,
                "ex-" + id,
                instrument,
                Side.BUY,
                status,
                new BigDecimal("0.001"),
                status == OrderStatus.FILLED ? new BigDecimal("0.001") : BigDecimal.ZERO,
                new BigDecimal("87000.10"),
                new BigDecimal("0.001"),
                reason,
                true,
                System.currentTimeMillis());
    }

    static Heartbeat feed(long time, StreamStatus... streams) {
        return new Heartbeat("feed-1", "market.binance.spot", "live", Map.of(), time, time, List.of(streams));
    }

    static StreamStatus stream(Instrument i, StreamState state, long lastMessage, long bannedUntil) {
        return new StreamStatus(i, state, lastMessage, 2, 0, 0, 0, bannedUntil);
    }

    static Heartbeat recorder(String state, long failures, long refused, long buffered) {
        return new Heartbeat(
                "rec-1",
                "recorder",
                state,
                Map.of("failures", failures, "refused", refused, "buffered", buffered),
                0,
                System.currentTimeMillis());
    }

    @Test
    void signalsAndPlacedFilledRejectedOrdersReachEverySink(Vertx vertx) {
        AlertsHarness h = AlertsHarness.start(vertx, new JsonObject());

        long old = Interval.M1.openTimeOf(System.currentTimeMillis()) - 3_600_000;
        h.publish(Addresses.SIGNALS, signal(old, "warm-up history"));
        h.publish(Addresses.SIGNALS, freshSignal("close below the lower band"));
        h.publish(Addresses.ORDERS_EVENTS, order("c1", BTC, OrderStatus.ACCEPTED, ""));
        h.publish(Addresses.ORDERS_EVENTS, order("c1", BTC, OrderStatus.FILLED, ""));
        h.publish(Addresses.ORDERS_EVENTS, order("c2", BTC, OrderStatus.CANCELLED, "by request"));
        h.publish(Addresses.ORDERS_EVENTS, order("c3", BTC, OrderStatus.REJECTED, "maxPosition exceeded"));

        await().atMost(DEADLINE)
                .until(() -> h.webhookKinds().size() >= 4
                        && h.telegramTexts().size() >= 4
                        && h.discordContents().size() >= 4);
        assertThat(h.webhookKinds()).containsExactly("signal", "order-placed", "order-filled", "order-rejected");
        List<String> texts = h.telegramTexts();
        assertThat(texts.get(0))
                .startsWith("SIGNAL: binance:spot:BTCUSDT 1m")
                .contains("BUY at 87000.10", "close below the lower band");
        assertThat(texts.get(1)).startsWith("ORDER PLACED: binance:spot:BTCUSDT");
        assertThat(texts.get(2))
                .startsWith("ORDER FILLED: binance:spot:BTCUSDT")
                .contains("filled 0.001");
        assertThat(texts.get(3))
                .startsWith("ORDER REJECTED: binance:spot:BTCUSDT")
                .contains("maxPosition exceeded");
        assertThat(texts).noneMatch(t -> t.contains("warm-up"));
        assertThat(h.server.received(TELEGRAM_PATH))
                .allSatisfy(r -> assertThat(r.body().getString("chat_id")).isEqualTo("42"));
        assertThat(h.discordContents()).isEqualTo(texts);
        JsonObject hook = h.server.received(WEBHOOK_PATH).get(0).body();
        assertThat(hook.getString("subject")).isEqualTo("binance:spot:BTCUSDT 1m");
        assertThat(hook.getString("node")).isEqualTo(AlertsHarness.NODE);
    }

    @Test
    void aStreamGoingStaleBannedAndRecovering(Vertx vertx) {
        AlertsHarness h = AlertsHarness.start(vertx, new JsonObject().put("staleStreamMillis", 10_000));
        long t = 1_700_000_000_000L;

        h.publish(Addresses.STATUS_HEARTBEAT, feed(t, stream(BTC, StreamState.LIVE, t - 500, 0)));
        h.publish(Addresses.STATUS_HEARTBEAT, feed(t + 20_000, stream(BTC, StreamState.LIVE, t - 500, 0)));
        h.publish(Addresses.STATUS_HEARTBEAT, feed(t + 21_000, stream(BTC, StreamState.BANNED, t - 500, t + 81_000)));
        h.publish(Addresses.STATUS_HEARTBEAT, feed(t + 90_000, stream(BTC, StreamState.LIVE, t + 89_900, 0)));

        await().atMost(DEADLINE).until(() -> h.webhookKinds().contains("stream-recovered"));
        // No "node-joined" for feed-1: a node heard within the first nodeSilentMillis was already there.
        assertThat(h.webhookKinds()).containsExactly("stream-stale", "stream-banned", "stream-recovered");
        List<String> texts = h.telegramTexts();
        assertThat(texts.get(0))
                .startsWith("STREAM STALE: binance:spot:BTCUSDT")
                .contains("node feed-1, market.binance.spot", "last message 20 s ago");
        assertThat(texts.get(1))
                .startsWith("STREAM BANNED: binance:spot:BTCUSDT")
                .contains("for another 60 s");
        assertThat(texts.get(2))
                .startsWith("STREAM RECOVERED: binance:spot:BTCUSDT")
                .contains("was banned");
    }

    @Test
    void aRecorderFailingFallingBehindAndRecovering(Vertx vertx) {
        AlertsHarness h = AlertsHarness.start(vertx, new JsonObject().put("recorderBacklogCandles", 100));

        h.publish(Addresses.STATUS_HEARTBEAT, recorder("live", 0, 0, 0));
        h.publish(Addresses.STATUS_HEARTBEAT, recorder("recovering", 1, 0, 20));
        h.publish(Addresses.STATUS_HEARTBEAT, recorder("live", 1, 0, 0));
        h.publish(Addresses.STATUS_HEARTBEAT, recorder("live", 1, 7, 50));
        h.publish(Addresses.STATUS_HEARTBEAT, recorder("live", 1, 7, 0));
        h.publish(
                Addresses.STATUS_HEARTBEAT,
                new Heartbeat(
                        "feed-1",
                        "market.aggregator",
                        "live",
                        Map.of("recorderPending", 250L, "recorderDropped", 0L),
                        0,
                        System.currentTimeMillis()));

        await().atMost(DEADLINE).until(() -> h.webhookKinds().size() >= 5);
        assertThat(h.webhookKinds())
                .containsExactly(
                        "recorder-failing",
                        "recorder-recovered",
                        "recorder-behind",
                        "recorder-recovered",
                        "recorder-behind");
        List<String> texts = h.telegramTexts();
        assertThat(texts.get(0)).startsWith("RECORDER FAILING: rec-1/recorder");
        assertThat(texts.get(2)).startsWith("RECORDER BEHIND: rec-1/recorder").contains("7 refused");
        assertThat(texts.get(4))
                .startsWith("RECORDER BEHIND: feed-1/market.aggregator")
                .contains("250 candles waiting for a recorder");
    }

    @Test
    void theKillSwitchTrippedAndCleared(Vertx vertx) {
        AlertsHarness h = AlertsHarness.start(vertx, new JsonObject());
        for (long flag : new long[] {0, 1, 1, 0}) {
            h.publish(
                    Addresses.STATUS_HEARTBEAT,
                    new Heartbeat(
                            "trader-1",
                            "order",
                            flag == 1 ? "killed" : "live",
                            Map.of("killSwitch", flag, "orders", 2L),
                            0,
                            System.currentTimeMillis()));
        }

        await().atMost(DEADLINE).until(() -> h.webhookKinds().size() >= 2);
        assertThat(h.webhookKinds()).containsExactly("kill-switch-tripped", "kill-switch-cleared");
        assertThat(h.telegramTexts().get(0))
                .startsWith("KILL SWITCH TRIPPED: trader-1/order")
                .contains("no new order is placed");
        assertThat(h.telegramTexts().get(1))
                .startsWith("KILL SWITCH CLEARED: trader-1/order")
                .contains("orders flow again");
    }

    @Test
    void aNodeJoiningAndLeaving(Vertx vertx) {
        AlertsHarness h = AlertsHarness.start(vertx, new JsonObject().put("nodeSilentMillis", 2000));
        // old-1 is heard once at the start: it was already there (not news), then it falls silent and leaves.
        h.publish(Addresses.STATUS_HEARTBEAT, new Heartbeat("old-1", "strategy", "live", Map.of(), 0, 0));
        await().atMost(DEADLINE).until(() -> h.webhookKinds().contains("node-left"));

        // rec-1 appears later with a heartbeat every 200 ms, as a node sends them, then falls silent.
        long beating = vertx.setPeriodic(200, id -> h.publish(Addresses.STATUS_HEARTBEAT, recorder("live", 0, 0, 0)));
        await().atMost(DEADLINE).until(() -> h.webhookKinds().contains("node-joined"));
        vertx.cancelTimer(beating);

        await().atMost(DEADLINE).until(() -> h.webhookKinds().size() == 3);
        assertThat(h.webhookKinds()).containsExactly("node-left", "node-joined", "node-left");
        assertThat(h.telegramTexts().get(0)).startsWith("NODE LEFT: old-1").contains("it ran strategy");
        assertThat(h.telegramTexts().get(1)).startsWith("NODE JOINED: rec-1").contains("recorder");
        assertThat(h.telegramTexts().get(2)).startsWith("NODE LEFT: rec-1").contains("no heartbeat for");
        // The verticle's own node never joins nor leaves: it keeps publishing its heartbeat.
        assertThat(h.telegramTexts()).noneMatch(t -> t.contains(AlertsHarness.NODE));
    }

    @Test
    void aLongMessageIsSplitForTelegramAndDiscordButNotForTheWebhook(Vertx vertx) {
        AlertsHarness h = AlertsHarness.start(vertx, new JsonObject());
        String reason = IntStream.range(0, 300)
                .mapToObj(i -> "reason line " + i + " " + "z".repeat(20))
                .collect(Collectors.joining("\n"));

        h.publish(Addresses.SIGNALS, freshSignal(reason));

        await().atMost(DEADLINE)
                .until(() -> h.telegramTexts().size() >= 3
                        && h.webhookKinds().size() >= 1
                        && h.discordContents().stream().anyMatch(c -> c.contains("reason line 299")));
        List<String> telegram = h.telegramTexts();
        assertThat(telegram).hasSize(3);
        assertThat(telegram).allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(4096));
        assertThat(telegram.get(0)).startsWith("(1/3)\nSIGNAL: binance:spot:BTCUSDT 1m");
        assertThat(telegram.get(2)).startsWith("(3/3)\n").contains("reason line 299");
        // Whole lines only: every part ends at a line end of the original text.
        assertThat(telegram).allSatisfy(t -> assertThat(t).doesNotEndWith("z".repeat(19) + "\nreason"));
        List<String> discord = h.discordContents();
        assertThat(discord).hasSizeGreaterThanOrEqualTo(5);
        assertThat(discord).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(2000));
        assertThat(h.server.received(WEBHOOK_PATH))
                .singleElement()
                .satisfies(r -> assertThat(r.body().getString("text")).contains(reason));
    }

    @Test
    void alertsAreThrottledAndDeduplicatedPerKindAndSubject(Vertx vertx) {
        AlertsHarness h = AlertsHarness.start(vertx, new JsonObject().put("throttleMillis", 1500));

        for (int i = 1; i <= 5; i++) {
            h.publish(Addresses.ORDERS_EVENTS, order("b" + i, BTC, OrderStatus.FILLED, ""));
        }
        h.publish(Addresses.ORDERS_EVENTS, order("b1", BTC, OrderStatus.FILLED, ""));
        h.publish(Addresses.ORDERS_EVENTS, order("e1", ETH, OrderStatus.FILLED, ""));
        h.publish(Addresses.ORDERS_EVENTS, order("b6", BTC, OrderStatus.REJECTED, "risk"));

        await().atMost(DEADLINE).until(() -> h.telegramTexts().size() >= 4);
        List<String> texts = h.telegramTexts();
        assertThat(texts).hasSize(4);
        assertThat(texts.get(0))
                .startsWith("ORDER FILLED: binance:spot:BTCUSDT")
                .contains("order b1");
        assertThat(texts.get(1)).startsWith("ORDER FILLED: binance:spot:ETHUSDT");
        assertThat(texts.get(2)).startsWith("ORDER REJECTED: binance:spot:BTCUSDT");
        // When the window ends the latest held fill goes out for the others.
        assertThat(texts.get(3))
                .startsWith("ORDER FILLED: binance:spot:BTCUSDT")
                .contains("order b5", "(3 similar alerts suppressed by the throttle)");
        await().atMost(DEADLINE).until(() -> h.counter("throttled") == 4 && h.counter("duplicates") == 1);
    }

    @Test
    void a429IsRetriedAfterTheRetryAfterItAsksFor(Vertx vertx) {
        AlertsHarness h = AlertsHarness.start(vertx, new JsonObject());
        h.server.respondWith((req, i) -> {
            if (req.path().equals(TELEGRAM_PATH)
                    && h.server.received(TELEGRAM_PATH).size() == 1) {
                req.response()
                        .setStatusCode(429)
                        .putHeader("Content-Type", "application/json")
                        .end("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                                + "\"parameters\":{\"retry_after\":1}}");
            } else {
                FakeHttpServer.OK.respond(req, i);
            }
        });

        h.publish(Addresses.ORDERS_EVENTS, order("c1", BTC, OrderStatus.FILLED, ""));

        await().atMost(DEADLINE).until(() -> h.server.received(TELEGRAM_PATH).size() == 2);
        List<FakeHttpServer.Received> tries = h.server.received(TELEGRAM_PATH);
        long gapMillis = (tries.get(1).arrivedNanos() - tries.get(0).arrivedNanos()) / 1_000_000;
        // The backoff alone would have waited 50 ms.
        assertThat(gapMillis).isGreaterThanOrEqualTo(1000);
        assertThat(tries.get(1).body()).isEqualTo(tries.get(0).body());
        await().atMost(DEADLINE)
                .until(() -> h.counter("telegram.retried") == 1
                        && h.counter("telegram.sent") == 1
                        && h.counter("telegram.failed") == 0);
    }

    @Test
    void aDeadSinkCostsBoundedMemoryAndHoldsUpNothing(Vertx vertx) {
        // The webhook's server is down (nothing listens on its port); Telegram answers 500 to everything.
        io.vertx.core.http.HttpServer gone = vertx.createHttpServer()
                .requestHandler(r -> {})
                .listen(0, "127.0.0.1")
                .await();
        String deadUrl = "http://127.0.0.1:" + gone.actualPort() + "/hook";
        gone.close().await();
        AlertsHarness h = AlertsHarness.start(
                vertx,
                new JsonObject()
                        .put("webhook", new JsonObject().put("url", deadUrl))
                        .put("queueCapacity", 20)
                        .put("maxAttempts", 3)
                        .put("retryBaseMillis", 200));
        h.server.respondWith((req, i) -> {
            if (req.path().equals(TELEGRAM_PATH)) {
                req.response().setStatusCode(500).end("{\"ok\":false,\"description\":\"Internal Server Error\"}");
            } else {
                FakeHttpServer.OK.respond(req, i);
            }
        });

        // In rounds small enough for the healthy sink's queue: it must get every alert while the others are
        // dead, so nothing waits on them; the dead ones keep at most their queue and drop the rest.
        int n = 200;
        for (int round = 0; round < n / 10; round++) {
            for (int i = 0; i < 10; i++) {
                h.publish(Addresses.ORDERS_EVENTS, order("d" + (round * 10 + i), KRW_BTC, OrderStatus.FILLED, ""));
            }
            int expected = (round + 1) * 10;
            await().atMost(DEADLINE).until(() -> h.discordContents().size() == expected);
        }
        await().atMost(DEADLINE)
                .until(() -> h.counter("discord.sent") == n
                        && h.counter("telegram.dropped") > 0
                        && h.counter("webhook.dropped") > 0);
        for (String sink : List.of("telegram", "webhook")) {
            assertThat(h.counter(sink + ".queued")).isLessThanOrEqualTo(20);
            assertThat(h.counter(sink + ".sent")).isZero();
            assertThat(h.counter(sink + ".dropped")).isGreaterThan(n / 2);
            // Every alert is accounted for: dropped, given up, queued, or the one in flight.
            assertThat(h.counter(sink + ".dropped") + h.counter(sink + ".failed") + h.counter(sink + ".queued"))
                    .isBetween((long) n - 1, (long) n);
        }
        assertThat(h.counter("discord.sent")).isEqualTo(n);
        assertThat(h.counter("telegram.retried")).isPositive();
        // Alerts still flow through the verticle afterwards.
        h.publish(Addresses.SIGNALS, freshSignal("after the flood"));
        await().atMost(DEADLINE).until(() -> h.discordContents().stream().anyMatch(c -> c.contains("after the flood")));
    }
}
