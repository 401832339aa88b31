package io.candlebus.market.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Candle;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sends a text frame longer than {@code maxMessageBytes} between valid klines: it is dropped and
 * counted as {@code oversized}, the connection stays up and the klines after it still arrive.
 */
@ExtendWith(VertxExtension.class)
class BinanceOversizedIT {
    private static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final long T0 = 1_767_225_600_000L;
    private static final long MIN = 60_000L;

    private final List<Candle> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger handshakes = new AtomicInteger();

    private static String kline(long open, boolean closed) {
        return "{\"stream\":\"btcusdt@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":" + (open + 1_000)
                + ",\"s\":\"BTCUSDT\","
                + "\"k\":{\"t\":" + open + ",\"T\":" + (open + MIN - 1) + ",\"s\":\"BTCUSDT\",\"i\":\"1m\",\"f\":1,"
                + "\"L\":2,\"o\":\"10\",\"c\":\"12\",\"h\":\"20\",\"l\":\"5\",\"v\":\"1\",\"n\":2,\"x\":"
                + closed + ",\"q\":\"10\",\"V\":\"0.5\",\"Q\":\"5\",\"B\":\"0\"}}}";
    }

    private static String restBody(long start, long end) {
        List<String> rows = new ArrayList<>();
        for (long t = Math.max(start, T0 - 20 * MIN); t <= end && t < T0 + 2 * MIN; t += MIN) {
            rows.add("[" + t + ",\"10\",\"20\",\"5\",\"12\",\"1\"," + (t + MIN - 1) + ",\"10\",2,\"0.5\",\"5\",\"0\"]");
        }
        return "[" + String.join(",", rows) + "]";
    }

    @Test
    void dropsAnOversizedFrameAndKeepsTheConnection(Vertx vertx) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> req.response()
                        .end(restBody(
                                Long.parseLong(req.getParam("startTime")), Long.parseLong(req.getParam("endTime")))))
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
        CompletableFuture<BinanceFeed> created = new CompletableFuture<>();
        io.vertx.core.Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            BinanceFeed feed = new BinanceFeed(
                    vertx,
                    vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(4 << 20)),
                    new RestClient(WebClient.create(vertx)),
                    clock,
                    config,
                    Market.SPOT,
                    sink());
            feed.add(BTC);
            feed.start();
            created.complete(feed);
        });
        BinanceFeed feed = created.get(5, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> published.stream().anyMatch(c -> c.openTime() == T0 + 4 * MIN && c.closed()));

        CompletableFuture<Map<String, Long>> counters = new CompletableFuture<>();
        context.runOnContext(v -> counters.complete(feed.counters()));
        Map<String, Long> c = counters.get(5, TimeUnit.SECONDS);
        assertThat(c).containsEntry("badInput.oversized", 1L).containsEntry("reconnects", 0L);
        assertThat(handshakes.get()).as("handshakes").isEqualTo(1);
        assertThat(published.stream().filter(Candle::closed).map(Candle::openTime))
                .containsSubsequence(T0 + 2 * MIN, T0 + 3 * MIN, T0 + 4 * MIN)
                .doesNotHaveDuplicates();
        server.close();
    }

    private void script(ServerWebSocket ws) {
        handshakes.incrementAndGet();
        Vertx vertx = Vertx.currentContext().owner();
        // Valid JSON, just too long: only the size can make the feed drop it.
        String oversized = "{\"stream\":\"padding\",\"data\":{\"e\":\"padding\",\"p\":\"" + "x".repeat(70_000) + "\"}}";
        vertx.setTimer(10, id -> ws.writeTextMessage(kline(T0 + 2 * MIN, true)));
        vertx.setTimer(400, id -> ws.writeTextMessage(oversized));
        vertx.setTimer(450, id -> ws.writeTextMessage(kline(T0 + 3 * MIN, true)));
        vertx.setTimer(500, id -> ws.writeTextMessage(kline(T0 + 4 * MIN, true)));
    }

    private FeedSink sink() {
        return new FeedSink() {
            @Override
            public void kline(Candle candle) {
                published.add(candle);
            }

            @Override
            public void trade(Trade trade) {}

            @Override
            public void suspend(Instrument instrument) {}

            @Override
            public void cover(Instrument instrument, long fromOpenTime) {}

            @Override
            public void resume(Instrument instrument, long liveFrom) {}
        };
    }
}
