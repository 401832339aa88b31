package io.candlebus.market.bithumb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.Trade;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
import io.candlebus.market.SettableClock;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the Bithumb feed against a scripted venue (a real websocket and REST server on port 0) on a
 * settable clock, driving its tick by hand: what it trusts after a silence the tick never saw, the
 * minutes REST omits, oversized messages, per-stream status, the connection-attempt limit, and adding or
 * removing a code without disturbing the others (handover to a replacement connection, or its fallback).
 */
@ExtendWith(VertxExtension.class)
class BithumbFeedIT {
    /** 2026-01-01T00:00:00Z. */
    private static final long T0 = 1_767_225_600_000L;

    private static final long MIN = 60_000L;
    private static final long STALL_TIMEOUT = 60_000L;
    private static final int MAX_MESSAGE_BYTES = 2_048;
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final Instrument KRW_ETH = Instrument.parse("bithumb:spot:KRW-ETH");

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<ServerWebSocket> connections = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @Test
    void distrustsAMessageThatEndsASilenceLongerThanTheStallTimeout(Vertx vertx) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> req.response().end(restCandles(List.of(T0, T0 - MIN, T0 - 2 * MIN))))
                .webSocketHandler(ws -> {
                    connections.add(ws);
                    ws.textMessageHandler(text -> {
                        received.add(text);
                        if (text.equals("PING")) {
                            ws.writeTextMessage("{\"status\":\"UP\"}");
                        }
                    });
                });
        int port = server.listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS)
                .actualPort();
        SettableClock clock = new SettableClock(T0 + 5_000);
        Context context = vertx.getOrCreateContext();
        BithumbFeed[] feed = new BithumbFeed[1];
        context.runOnContext(v -> {
            feed[0] = new BithumbFeed(
                    vertx,
                    vertx.createWebSocketClient(new WebSocketClientOptions()),
                    new RestClient(WebClient.create(vertx)),
                    clock,
                    config(port, 2),
                    sink());
            feed[0].add(KRW_BTC);
            feed[0].start();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(t -> t.contains("KRW-BTC")));

        // The first live trade sets the seam at T0; once that minute is over, REST joins it and the feed is live.
        clock.set(T0 + 12_000);
        connections.get(0).writeBinaryMessage(Buffer.buffer(trade(T0 + 10_000, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("suspend"));
        clock.set(T0 + MIN + 3_000);
        context.runOnContext(v -> feed[0].tick(clock.millis()));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("resume " + (T0 + MIN)));
        clock.set(T0 + MIN + 10_000);
        connections.get(0).writeBinaryMessage(Buffer.buffer(trade(T0 + MIN + 10_000, 2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("trade " + (T0 + MIN + 10_000)));

        // This process "pauses": the clock moves past the stall timeout with no tick, then a trade arrives.
        clock.set(T0 + MIN + 10_000 + STALL_TIMEOUT + 5_000);
        connections.get(0).writeBinaryMessage(Buffer.buffer(trade(T0 + 2 * MIN + 10_000, 3)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> connections.size() == 2 || events.contains("trade " + (T0 + 2 * MIN + 10_000)));

        List<String> after = new ArrayList<>(events.subList(events.indexOf("resume " + (T0 + MIN)), events.size()));
        assertThat(after)
                .as("the trade after the silence is not published; the code waits for a new seam")
                .containsExactly("resume " + (T0 + MIN), "trade " + (T0 + MIN + 10_000), "suspend");
        assertThat(feed[0].counters()).containsEntry("stalls", 1L);
        server.close();
    }

    @Test
    void fillsTheMinutesRestOmitsDropsOversizedMessagesAndReportsTheStream(Vertx vertx) throws Exception {
        // REST omits T0 - 1m, a minute without trades.
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> req.response().end(restCandles(List.of(T0, T0 - 2 * MIN))))
                .webSocketHandler(ws -> {
                    connections.add(ws);
                    ws.textMessageHandler(received::add);
                });
        int port = listen(server);
        SettableClock clock = new SettableClock(T0 + 5_000);
        Context context = vertx.getOrCreateContext();
        BithumbFeed[] feed = new BithumbFeed[1];
        context.runOnContext(v -> {
            feed[0] = new BithumbFeed(
                    vertx,
                    vertx.createWebSocketClient(new WebSocketClientOptions()),
                    new RestClient(WebClient.create(vertx)),
                    clock,
                    config(port, 3),
                    sink());
            feed[0].add(KRW_BTC);
            feed[0].start();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(t -> t.contains("KRW-BTC")));
        assertThat(onLoop(context, () -> feed[0].streams())).singleElement().satisfies(s -> {
            assertThat(s.instrument()).isEqualTo(KRW_BTC);
            assertThat(s.state()).isEqualTo(StreamState.CONNECTING);
            assertThat(s.lastMessageTime()).isZero();
        });

        clock.set(T0 + 12_000);
        connections.get(0).writeBinaryMessage(Buffer.buffer(trade(T0 + 10_000, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("suspend"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> onLoop(context, () -> feed[0].streams().get(0).state()) == StreamState.RECOVERING);

        // Longer than maxMessageBytes: counted and dropped; the connection stays and keeps delivering.
        clock.set(T0 + 20_000);
        connections.get(0).writeBinaryMessage(Buffer.buffer("x".repeat(MAX_MESSAGE_BYTES + 1)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> onLoop(context, () -> feed[0].counters().getOrDefault("badInput.oversized", 0L)) == 1L);

        clock.set(T0 + MIN + 3_000);
        context.runOnContext(v -> feed[0].tick(clock.millis()));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("resume " + (T0 + MIN)));
        assertThat(events.stream().filter(e -> e.startsWith("kline")).toList())
                .as("REST rows and the minute REST omits, flat at the close before it")
                .containsExactly(
                        "kline " + (T0 - 2 * MIN) + " REST 0.1",
                        "kline " + (T0 - MIN) + " AGGREGATED 0",
                        "kline " + T0 + " REST 0.1");

        clock.set(T0 + MIN + 10_000);
        connections.get(0).writeBinaryMessage(Buffer.buffer(trade(T0 + MIN + 10_000, 2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("trade " + (T0 + MIN + 10_000)));
        assertThat(connections).hasSize(1);
        assertThat(onLoop(context, () -> feed[0].streams())).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(StreamState.LIVE);
            assertThat(s.lastMessageTime()).isEqualTo(T0 + MIN + 10_000);
            assertThat(s.reconnects()).isZero();
            assertThat(s.gapsFilled()).isZero();
            assertThat(s.openGaps()).isZero();
            assertThat(s.bannedUntil()).isZero();
        });
        assertThat(onLoop(context, () -> feed[0].counters()))
                .containsEntry("quietMinutes", 1L)
                .containsEntry("restRows", 2L);
        server.close();
    }

    @Test
    void keepsConnectionAttemptsWithinBithumbsTenPerSecond(Vertx vertx) throws Exception {
        List<Long> handshakes = new CopyOnWriteArrayList<>();
        // Every connection answers once (so the feed's backoff starts over) and is closed at once.
        HttpServer server = vertx.createHttpServer().webSocketHandler(ws -> {
            handshakes.add(System.nanoTime());
            ws.writeTextMessage("{\"status\":\"UP\"}");
            ws.close();
        });
        int port = listen(server);
        SettableClock clock = new SettableClock(T0);
        Context context = vertx.getOrCreateContext();
        BithumbFeed[] feed = new BithumbFeed[1];
        context.runOnContext(v -> {
            feed[0] = new BithumbFeed(
                    vertx,
                    vertx.createWebSocketClient(new WebSocketClientOptions()),
                    new RestClient(WebClient.create(vertx)),
                    clock,
                    config(port, 2),
                    sink());
            feed[0].add(KRW_BTC);
            feed[0].start();
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> handshakes.size() >= 25);
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        context.runOnContext(v -> feed[0].stop().onComplete(ar -> stopped.complete(null)));
        stopped.get(10, TimeUnit.SECONDS);

        List<Long> times = new ArrayList<>(handshakes);
        for (int i = 0; i + 10 < times.size(); i++) {
            // Eleven handshakes span a second of the feed's attempts, less what handshake latency varies.
            assertThat(TimeUnit.NANOSECONDS.toMillis(times.get(i + 10) - times.get(i)))
                    .as("handshakes %s to %s", i, i + 10)
                    .isGreaterThanOrEqualTo(900L);
        }
        assertThat(onLoop(context, () -> feed[0].counters().get("connectsDeferred")))
                .isPositive();
        server.close();
    }

    @Test
    void addsACodeOverAReplacementConnectionAndRemovesOneWithoutReconnecting(Vertx vertx) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req ->
                        req.response().end(restCandles(req.getParam("market"), List.of(T0, T0 - MIN, T0 - 2 * MIN))))
                .webSocketHandler(ws -> {
                    connections.add(ws);
                    ws.textMessageHandler(received::add);
                });
        int port = listen(server);
        SettableClock clock = new SettableClock(T0 + 5_000);
        Context context = vertx.getOrCreateContext();
        BithumbFeed feed = liveOnKrwBtc(vertx, context, port, clock);

        context.runOnContext(v -> feed.add(KRW_ETH));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> connections.size() == 2
                        && received.stream().anyMatch(t -> t.contains("KRW-BTC") && t.contains("KRW-ETH")));
        ServerWebSocket old = connections.get(0);
        ServerWebSocket replacement = connections.get(1);
        // The replacement delivers 4 before the shared 3 (ids are unique, not ordered); the old one has 3 only.
        // Whichever side delivers 3 first, the switch publishes 4 once, after 3, from the replacement.
        clock.set(T0 + MIN + 40_000);
        replacement.writeBinaryMessage(Buffer.buffer(trade("KRW-BTC", T0 + MIN + 30_000, 4, "REALTIME")));
        replacement.writeBinaryMessage(Buffer.buffer(trade("KRW-BTC", T0 + MIN + 20_000, 3, "REALTIME")));
        old.writeBinaryMessage(Buffer.buffer(trade("KRW-BTC", T0 + MIN + 20_000, 3, "REALTIME")));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("trade " + (T0 + MIN + 30_000)));
        await().atMost(Duration.ofSeconds(10)).until(old::isClosed);
        replacement.writeBinaryMessage(Buffer.buffer(trade("KRW-BTC", T0 + MIN + 40_000, 5, "REALTIME")));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("trade " + (T0 + MIN + 40_000)));

        // Klines are KRW-ETH's history, whose seam the replacement's first live trade set; the one suspend
        // is KRW-ETH's at its add.
        List<String> after = events.subList(events.indexOf("resume " + (T0 + MIN)), events.size()).stream()
                .filter(e -> !e.startsWith("kline"))
                .toList();
        assertThat(after)
                .as("KRW-BTC neither suspended nor repeated across the handover")
                .containsExactly(
                        "resume " + (T0 + MIN),
                        "trade " + (T0 + MIN + 10_000),
                        "suspend",
                        "trade " + (T0 + MIN + 20_000),
                        "trade " + (T0 + MIN + 30_000),
                        "trade " + (T0 + MIN + 40_000));
        assertThat(onLoop(context, feed::counters))
                .containsEntry("handovers", 1L)
                .containsEntry("handoversAbandoned", 0L)
                .containsEntry("reconnects", 0L)
                .containsEntry("resubscribes", 0L)
                .containsEntry("gapsFilled", 0L);
        assertThat(onLoop(context, feed::streams)).first().satisfies(s -> {
            assertThat(s.instrument()).isEqualTo(KRW_BTC);
            assertThat(s.state()).isEqualTo(StreamState.LIVE);
            assertThat(s.reconnects()).isZero();
        });

        // Removal: no new connection; what the running one still delivers for the code is dropped quietly.
        long ignored = onLoop(context, () -> feed.counters().get("ignoredMessages"));
        context.runOnContext(v -> feed.remove(KRW_ETH));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> onLoop(context, () -> feed.instruments().size()) == 1);
        replacement.writeBinaryMessage(Buffer.buffer(trade("KRW-ETH", T0 + MIN + 45_000, 6, "REALTIME")));
        replacement.writeBinaryMessage(Buffer.buffer(trade("KRW-BTC", T0 + MIN + 50_000, 7, "REALTIME")));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("trade " + (T0 + MIN + 50_000)));
        assertThat(events).doesNotContain("trade " + (T0 + MIN + 45_000));
        assertThat(onLoop(context, feed::counters))
                .containsEntry("ignoredMessages", ignored + 1)
                .containsEntry("reconnects", 0L)
                .containsEntry("resubscribes", 0L)
                .doesNotContainKey("badInput.unknown-symbol");
        assertThat(connections).hasSize(2);
        server.close();
    }

    @Test
    void fallsBackToAReconnectWhenTheReplacementNeverOverlaps(Vertx vertx) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req ->
                        req.response().end(restCandles(req.getParam("market"), List.of(T0, T0 - MIN, T0 - 2 * MIN))))
                .webSocketHandler(ws -> {
                    connections.add(ws);
                    ws.textMessageHandler(received::add);
                });
        int port = listen(server);
        SettableClock clock = new SettableClock(T0 + 5_000);
        Context context = vertx.getOrCreateContext();
        BithumbFeed feed = liveOnKrwBtc(vertx, context, port, clock);

        context.runOnContext(v -> feed.add(KRW_ETH));
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.size() == 2);
        // The replacement stays silent; the old connection keeps publishing past the handover's clock limit,
        // never silent for the stall timeout.
        long id = 3;
        for (long t = T0 + MIN + 50_000; t <= T0 + 4 * MIN; t += 40_000) {
            clock.set(t);
            connections.get(0).writeBinaryMessage(Buffer.buffer(trade("KRW-BTC", t - 1_000, id++, "REALTIME")));
            long published = t - 1_000;
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("trade " + published));
        }
        // Given up once at least 10 s of real time have passed too: then replaced outright, REST filling in.
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    context.runOnContext(v -> feed.tick(clock.millis()));
                    return onLoop(context, () -> feed.counters().get("handoversAbandoned")) == 1L;
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.size() == 3);
        assertThat(connections.get(0).isClosed()).as("old connection closed").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.get(1).isClosed());
        assertThat(onLoop(context, feed::counters))
                .containsEntry("handovers", 0L)
                .containsEntry("resubscribes", 1L);
        assertThat(events.get(events.size() - 1))
                .as("codes wait for the new connection's seam")
                .isEqualTo("suspend");
        server.close();
    }

    /** Starts a feed on KRW-BTC and takes it live: a first trade at T0 + 10 s, REST to T0, a trade at T0 + 70 s. */
    private BithumbFeed liveOnKrwBtc(Vertx vertx, Context context, int port, SettableClock clock) throws Exception {
        BithumbFeed[] feed = new BithumbFeed[1];
        context.runOnContext(v -> {
            feed[0] = new BithumbFeed(
                    vertx,
                    vertx.createWebSocketClient(new WebSocketClientOptions()),
                    new RestClient(WebClient.create(vertx)),
                    clock,
                    config(port, 2),
                    sink());
            feed[0].add(KRW_BTC);
            feed[0].start();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(t -> t.contains("KRW-BTC")));
        clock.set(T0 + 12_000);
        connections.get(0).writeBinaryMessage(Buffer.buffer(trade(T0 + 10_000, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("suspend"));
        clock.set(T0 + MIN + 3_000);
        context.runOnContext(v -> feed[0].tick(clock.millis()));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("resume " + (T0 + MIN)));
        clock.set(T0 + MIN + 10_000);
        connections.get(0).writeBinaryMessage(Buffer.buffer(trade(T0 + MIN + 10_000, 2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("trade " + (T0 + MIN + 10_000)));
        return feed[0];
    }

    private static int listen(HttpServer server) throws Exception {
        return server.listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS)
                .actualPort();
    }

    /** Reads the feed's state on its own event loop. */
    private static <T> T onLoop(Context context, Supplier<T> read) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> result.complete(read.get()));
        return result.get(10, TimeUnit.SECONDS);
    }

    private MarketConfig config(int port, int warmupCandles) {
        return MarketConfig.fromJson(
                new JsonObject()
                        .put("instruments", new JsonArray().add(KRW_BTC.key()))
                        .put(
                                "bithumb",
                                new JsonObject()
                                        .put("restUrl", "http://127.0.0.1:" + port)
                                        .put("wsUrl", "ws://127.0.0.1:" + port + "/websocket/v1"))
                        .put("intervals", new JsonArray().add("1m"))
                        .put("warmupCandles", warmupCandles)
                        .put("maxMessageBytes", MAX_MESSAGE_BYTES)
                        .put("closeGraceMillis", 2_000)
                        .put("stallTimeoutMillis", STALL_TIMEOUT)
                        .put("reconnectMinMillis", 1)
                        .put("reconnectMaxMillis", 100),
                "market");
    }

    private FeedSink sink() {
        return new FeedSink() {
            @Override
            public void kline(Candle candle) {
                events.add("kline " + candle.openTime() + " " + candle.source() + " "
                        + candle.volume().toPlainString());
            }

            @Override
            public void trade(Trade trade) {
                events.add("trade " + trade.tradeTime());
            }

            @Override
            public void suspend(Instrument instrument) {
                events.add("suspend");
            }

            @Override
            public void cover(Instrument instrument, long fromOpenTime) {
                events.add("cover " + fromOpenTime);
            }

            @Override
            public void resume(Instrument instrument, long liveFrom) {
                events.add("resume " + liveFrom);
            }
        };
    }

    /** Bithumb's REST minute candles at {@code opens}, newest first. */
    private static String restCandles(List<Long> opens) {
        return restCandles("KRW-BTC", opens);
    }

    /** Bithumb's REST minute candles of {@code market} at {@code opens}, newest first. */
    private static String restCandles(String market, List<Long> opens) {
        JsonArray rows = new JsonArray();
        for (long t : opens) {
            rows.add(new JsonObject()
                    .put("market", market)
                    .put(
                            "candle_date_time_utc",
                            LocalDateTime.ofEpochSecond(t / 1000, 0, ZoneOffset.UTC)
                                    .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
                    .put("opening_price", 131000000)
                    .put("high_price", 131100000)
                    .put("low_price", 130900000)
                    .put("trade_price", 131050000)
                    .put("candle_acc_trade_price", 13105000.5)
                    .put("candle_acc_trade_volume", 0.1)
                    .put("unit", 1));
        }
        return rows.encode();
    }

    private static String trade(long time, long id) {
        return trade("KRW-BTC", time, id, "REALTIME");
    }

    private static String trade(String code, long time, long id, String streamType) {
        return new JsonObject()
                .put("type", "trade")
                .put("code", code)
                .put("trade_price", 131000000)
                .put("trade_volume", 0.01)
                .put("ask_bid", "BID")
                .put("trade_timestamp", time)
                .put("timestamp", time)
                .put("sequential_id", id)
                .put("stream_type", streamType)
                .encode();
    }
}
