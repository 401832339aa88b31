package io.candlebus.market.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.Trade;
import io.candlebus.market.Endpoint;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the Binance feed against a scripted venue (a real websocket and REST server on port 0) to pin
 * the seam rules: REST history strictly before the first live kline, a missed {@code x:true} filled from
 * REST before the kline that revealed it, and no still-open REST row ever published.
 */
@ExtendWith(VertxExtension.class)
class BinanceFeedIT {
    private static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final long T0 = 1_767_225_600_000L;
    private static final long MIN = 60_000L;

    private final List<String> restQueries = new CopyOnWriteArrayList<>();
    private final List<Candle> published = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private static String kline(long open, String close, boolean closed) {
        return "{\"stream\":\"btcusdt@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":" + (open + 1_000)
                + ",\"s\":\"BTCUSDT\","
                + "\"k\":{\"t\":" + open + ",\"T\":" + (open + MIN - 1) + ",\"s\":\"BTCUSDT\",\"i\":\"1m\",\"f\":1,"
                + "\"L\":2,\"o\":\"10\",\"c\":\"" + close + "\",\"h\":\"20\",\"l\":\"5\",\"v\":\"1\",\"n\":2,\"x\":"
                + closed + ",\"q\":\"10\",\"V\":\"0.5\",\"Q\":\"5\",\"B\":\"0\"}}}";
    }

    private static String restRow(long open, String close) {
        return "[" + open + ",\"10\",\"20\",\"5\",\"" + close + "\",\"1\"," + (open + MIN - 1)
                + ",\"10\",2,\"0.5\",\"5\",\"0\"]";
    }

    /** Answers like Binance: rows in [startTime, endTime], plus the still-open row if asked for it. */
    private String restBody(long start, long end) {
        List<String> rows = new ArrayList<>();
        for (long t = start; t <= end && t <= T0 + 5 * MIN; t += MIN) {
            if (t >= T0 - 20 * MIN) {
                rows.add(restRow(t, t == T0 + 5 * MIN ? "99" : "12"));
            }
        }
        return "[" + String.join(",", rows) + "]";
    }

    @Test
    void joinsHistoryAndFillsAMissedFinalKlineBeforeGoingOn(Vertx vertx) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> {
                    if (req.path().endsWith("/exchangeInfo")) {
                        req.response().end("{\"symbols\":[{\"symbol\":\"BTCUSDT\",\"status\":\"TRADING\"}]}");
                        return;
                    }
                    restQueries.add(req.query());
                    long start = Long.parseLong(req.getParam("startTime"));
                    long end = Long.parseLong(req.getParam("endTime"));
                    // REST answers slowly, so websocket klines arrive while a fill is running.
                    vertx.setTimer(200, id -> req.response().end(restBody(start, end)));
                })
                .webSocketHandler(this::script);
        int port = server.listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS)
                .actualPort();
        Endpoint venue = new Endpoint("http://127.0.0.1:" + port, "ws://127.0.0.1:" + port);
        MarketConfig config = MarketConfig.defaults()
                .withEndpoints(Map.of(Market.SPOT, venue, Market.USDM, venue, Market.COINM, venue), venue)
                .withInstruments(List.of(BTC))
                .withTimings(2_000, 20, 50);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(T0 + 3 * MIN), ZoneOffset.UTC);
        FeedSink sink = new FeedSink() {
            @Override
            public void kline(Candle candle) {
                published.add(candle);
            }

            @Override
            public void trade(Trade trade) {}

            @Override
            public void suspend(Instrument instrument) {}

            @Override
            public void cover(Instrument instrument, long fromOpenTime) {
                events.add("cover " + fromOpenTime);
            }

            @Override
            public void resume(Instrument instrument, long liveFrom) {}
        };
        vertx.runOnContext(v -> {
            BinanceFeed feed = new BinanceFeed(
                    vertx,
                    vertx.createWebSocketClient(new WebSocketClientOptions()),
                    new RestClient(WebClient.create(vertx)),
                    clock,
                    config.withInstruments(List.of(BTC)),
                    Market.SPOT,
                    sink);
            feed.add(BTC);
            feed.start();
        });

        await().atMost(Duration.ofSeconds(10))
                .until(() -> published.stream().anyMatch(c -> c.openTime() == T0 + 5 * MIN && c.closed()));

        List<Candle> closed = published.stream().filter(Candle::closed).toList();
        // Warm-up: 120 five-minute candles before the bucket of the first live kline (T0 + 2m).
        assertThat(events).containsExactly("cover " + (T0 - 600 * MIN));
        assertThat(restQueries.get(0))
                .contains("startTime=" + (T0 - 600 * MIN))
                .contains("endTime=" + (T0 + 2 * MIN - 1));
        // Every minute once, in order: REST history up to T0+1m, T0+2m from the websocket, T0+3m (its x:true
        // was never sent) from REST before T0+4m, then the websocket again.
        assertThat(closed).extracting(Candle::openTime).doesNotHaveDuplicates().isSorted();
        assertThat(closed.stream().filter(c -> c.openTime() >= T0).toList())
                .extracting(Candle::openTime, Candle::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(T0, CandleSource.REST),
                        org.assertj.core.groups.Tuple.tuple(T0 + MIN, CandleSource.REST),
                        org.assertj.core.groups.Tuple.tuple(T0 + 2 * MIN, CandleSource.WEBSOCKET),
                        org.assertj.core.groups.Tuple.tuple(T0 + 3 * MIN, CandleSource.REST),
                        org.assertj.core.groups.Tuple.tuple(T0 + 4 * MIN, CandleSource.WEBSOCKET),
                        org.assertj.core.groups.Tuple.tuple(T0 + 5 * MIN, CandleSource.WEBSOCKET));
        // The open kline of T0+4m waited for the fill of T0+3m: nothing of T0+4m precedes it.
        int filled = indexOf(T0 + 3 * MIN, true);
        assertThat(published.subList(0, filled)).noneMatch(c -> c.openTime() > T0 + 3 * MIN);
        // The websocket's final value of T0+5m wins; the REST row still open at that time was never used.
        assertThat(closed.get(closed.size() - 1).close()).isEqualByComparingTo("13");
        server.close();
    }

    private int indexOf(long open, boolean closed) {
        for (int i = 0; i < published.size(); i++) {
            if (published.get(i).openTime() == open && published.get(i).closed() == closed) {
                return i;
            }
        }
        throw new AssertionError("not published: " + open);
    }

    /**
     * The venue's websocket: joins at T0+2m (held while warm-up REST runs), later drops the x:true of
     * T0+3m; the next klines arrive while the fill of T0+3m is running.
     */
    private void script(ServerWebSocket ws) {
        Vertx vertx = Vertx.currentContext().owner();
        send(vertx, ws, 10, kline(T0 + 2 * MIN, "11", false));
        send(vertx, ws, 30, kline(T0 + 2 * MIN, "12", true));
        send(vertx, ws, 600, kline(T0 + 3 * MIN, "11", false));
        send(vertx, ws, 650, kline(T0 + 4 * MIN, "11", false));
        send(vertx, ws, 700, kline(T0 + 4 * MIN, "12", true));
        send(vertx, ws, 750, kline(T0 + 5 * MIN, "13", true));
    }

    private static void send(Vertx vertx, ServerWebSocket ws, long delay, String frame) {
        vertx.setTimer(delay, id -> ws.writeTextMessage(frame));
    }
}
