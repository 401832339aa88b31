package io.candlebus.market.bithumb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Trade;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the Bithumb feed against a scripted venue (a real websocket and REST server on port 0) on a
 * settable clock, driving its tick by hand, to pin what it trusts after a silence the tick never saw.
 */
@ExtendWith(VertxExtension.class)
class BithumbFeedIT {
    /** 2026-01-01T00:00:00Z. */
    private static final long T0 = 1_767_225_600_000L;

    private static final long MIN = 60_000L;
    private static final long STALL_TIMEOUT = 60_000L;
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<ServerWebSocket> connections = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

    /** A clock the test moves by hand. */
    private static final class SettableClock extends Clock {
        private volatile long millis;

        SettableClock(long millis) {
            this.millis = millis;
        }

        void set(long newMillis) {
            millis = newMillis;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("withZone");
        }
    }

    @Test
    void distrustsAMessageThatEndsASilenceLongerThanTheStallTimeout(Vertx vertx) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> req.response().end(restCandles()))
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
                    config(port),
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

    private MarketConfig config(int port) {
        return MarketConfig.fromJson(
                new JsonObject()
                        .put("instruments", new JsonArray().add(KRW_BTC.key()))
                        .put(
                                "bithumb",
                                new JsonObject()
                                        .put("restUrl", "http://127.0.0.1:" + port)
                                        .put("wsUrl", "ws://127.0.0.1:" + port + "/websocket/v1"))
                        .put("intervals", new JsonArray().add("1m"))
                        .put("warmupCandles", 2)
                        .put("closeGraceMillis", 2_000)
                        .put("stallTimeoutMillis", STALL_TIMEOUT)
                        .put("reconnectMinMillis", 20)
                        .put("reconnectMaxMillis", 100),
                "market");
    }

    private FeedSink sink() {
        return new FeedSink() {
            @Override
            public void kline(Candle candle) {
                events.add("kline " + candle.openTime());
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

    /** Bithumb's REST minute candles, newest first, for T0 - 2m to T0. */
    private static String restCandles() {
        JsonArray rows = new JsonArray();
        for (long t = T0; t >= T0 - 2 * MIN; t -= MIN) {
            rows.add(new JsonObject()
                    .put("market", "KRW-BTC")
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
        return new JsonObject()
                .put("type", "trade")
                .put("code", "KRW-BTC")
                .put("trade_price", 131000000)
                .put("trade_volume", 0.01)
                .put("ask_bid", "BID")
                .put("trade_timestamp", time)
                .put("timestamp", time)
                .put("sequential_id", id)
                .put("stream_type", "REALTIME")
                .encode();
    }
}
