package io.candlebus.market.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.candlebus.contract.Trade;
import io.candlebus.market.Endpoint;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fallback when the symbol list cannot be had: a scripted venue whose {@code exchangeInfo} is down
 * refuses any SUBSCRIBE naming {@code xrpusdt@kline_1m} with the wrapped error and closes the connection,
 * as the real venue may for a stream it deems malformed. The feed names the culprit by the request id,
 * drops it as {@code unknown}, keeps it out of the next URL and reconnects once per refusal instead of
 * looping with it; a stream added next to it survives. (A refused request of several streams, whose
 * culprit is found by subscribing them one by one, is pinned by {@code SubscribeLedgerTest}.)
 */
@ExtendWith(VertxExtension.class)
class BinanceRefusedStreamIT {
    private static final String BAD = "xrpusdt@kline_1m";
    private static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument ETH = Instrument.parse("binance:spot:ETHUSDT");
    private static final Instrument XRP = Instrument.parse("binance:spot:XRPUSDT");
    private static final Instrument ADA = Instrument.parse("binance:spot:ADAUSDT");

    /** The query of every handshake, in order. */
    private final List<String> handshakes = new CopyOnWriteArrayList<>();

    private Context context;
    private BinanceFeed feed;

    @Test
    void aRefusedStreamIsNamedAndDroppedWithoutAReconnectLoop(Vertx vertx) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> req.response()
                        .setStatusCode(req.path().endsWith("/exchangeInfo") ? 503 : 200)
                        .end(req.path().endsWith("/exchangeInfo") ? "{\"code\":-1008,\"msg\":\"overloaded\"}" : "[]"))
                .webSocketHandler(this::venue);
        int port = server.listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS)
                .actualPort();
        Endpoint venue = new Endpoint("http://127.0.0.1:" + port, "ws://127.0.0.1:" + port);
        MarketConfig config = MarketConfig.defaults()
                .withEndpoints(Map.of(Market.SPOT, venue, Market.USDM, venue, Market.COINM, venue), venue)
                .withInstruments(List.of(BTC, ETH))
                .withTimings(2_000, 20, 50);
        CompletableFuture<Void> started = new CompletableFuture<>();
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            feed = new BinanceFeed(
                    vertx,
                    vertx.createWebSocketClient(new WebSocketClientOptions()),
                    new RestClient(WebClient.create(vertx)),
                    Clock.systemUTC(),
                    config,
                    Market.SPOT,
                    new NullSink());
            feed.add(BTC);
            feed.add(ETH);
            feed.start();
            vertx.setPeriodic(config.tickMillis(), id -> feed.tick(System.currentTimeMillis()));
            started.complete(null);
        });
        started.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> handshakes.size() == 1 && counter("connections") == 1);
        assertThat(counter("symbolListFailures"))
                .as("the list was not to be had")
                .isPositive();

        // One stream alone: its refusal names it.
        onFeed(f -> {
            f.add(XRP);
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> state(XRP) == StreamState.UNKNOWN);
        await().atMost(Duration.ofSeconds(20)).until(() -> handshakes.size() == 2);
        assertThat(handshakes.get(1)).doesNotContain("xrpusdt");
        assertThat(counter("refusedStreams")).isEqualTo(1);

        // Removed and added again next to a good one: refused again, the good one stays.
        onFeed(f -> {
            f.remove(XRP);
            f.add(ADA);
            f.add(XRP);
            return null;
        });
        await().atMost(Duration.ofSeconds(20))
                .until(() -> counter("refusedStreams") == 2 && handshakes.size() == 3 && counter("connections") == 1);
        // Let it run: no further reconnect.
        await().pollDelay(Duration.ofMillis(1_500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> true);
        assertThat(handshakes).as("handshakes").hasSize(3);
        assertThat(handshakes.get(2)).contains("adausdt").doesNotContain("xrpusdt");
        assertThat(state(XRP)).isEqualTo(StreamState.UNKNOWN);
        assertThat(state(ADA)).isNotEqualTo(StreamState.UNKNOWN);
        assertThat(counter("reconnects"))
                .as("one reconnect per refusal that closed")
                .isEqualTo(2);
        server.close();
    }

    /** Refuses any SUBSCRIBE naming {@link #BAD} with the venue's wrapped error, then closes. */
    private void venue(ServerWebSocket ws) {
        handshakes.add(String.valueOf(ws.query()));
        ws.textMessageHandler(text -> {
            JsonObject request = new JsonObject(text);
            Object id = request.getValue("id");
            if (request.getJsonArray("params").contains(BAD)) {
                ws.writeTextMessage(
                        "{\"error\":{\"code\":2,\"msg\":\"Invalid request: invalid stream\"},\"id\":" + id + "}");
                ws.close((short) 1008, "Invalid request");
            } else {
                ws.writeTextMessage("{\"result\":null,\"id\":" + id + "}");
            }
        });
    }

    private <T> T onFeed(Function<BinanceFeed, T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> result.complete(action.apply(feed)));
        return result.get(10, TimeUnit.SECONDS);
    }

    private long counter(String name) throws Exception {
        return onFeed(f -> f.counters().getOrDefault(name, 0L));
    }

    private StreamState state(Instrument i) throws Exception {
        Map<Instrument, StreamStatus> streams =
                onFeed(f -> f.streams().stream().collect(Collectors.toMap(StreamStatus::instrument, s -> s)));
        return streams.containsKey(i) ? streams.get(i).state() : null;
    }

    private static final class NullSink implements FeedSink {
        @Override
        public void kline(Candle candle) {}

        @Override
        public void trade(Trade trade) {}

        @Override
        public void suspend(Instrument instrument) {}

        @Override
        public void cover(Instrument instrument, long fromOpenTime) {}

        @Override
        public void resume(Instrument instrument, long liveFrom) {}
    }
}
