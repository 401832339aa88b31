package io.candlebus.market.bithumb;

import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.MarketVerticle;
import io.candlebus.market.SimEndpoints;
import io.candlebus.market.StandInRecorder;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.WsHost;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Loses the Bithumb connection while the feed reloads its market list (found by the soak: the feed then
 * never reconnected, its streams published nothing for the rest of the run). The venue answers the first
 * {@code /v1/market/all} and holds every later one unanswered, so the hourly reload is in flight when the
 * link drops: the feed must reconnect at once, not after the reload, and its stream must go on.
 */
@ExtendWith(VertxExtension.class)
class BithumbListReloadIT {
    /** 2026-01-01T00:00:17Z. */
    private static final long START = 1_767_225_617_000L;

    private static final long MIN = 60_000L;
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    /** An hour of clock (the market list's refresh) in 6 s. */
    private static final double SPEED = 600;

    private final List<Candle> closed = new CopyOnWriteArrayList<>();
    private final AtomicInteger listRequests = new AtomicInteger();

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void reconnectsAtOnceWhileTheMarketListReloads(Vertx vertx) throws Exception {
        Codecs.registerAll(vertx.eventBus());
        SimConfig simConfig = SimConfig.defaults()
                .withSeed(5)
                .withSpeed(SPEED)
                .withStartTime(START)
                .withHistoryMinutes(720);
        ExchangeSimulator sim = join(ExchangeSimulator.start(vertx, simConfig));
        vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closed.add(m.body()));
        // Acknowledges every candle, so that the market verticle's stop has nothing to wait for.
        StandInRecorder.acknowledging(vertx, "stand-in", c -> {});
        HttpServer venueRest = join(holdListReloads(vertx, URI.create(sim.bithumbRestUrl())));
        try {
            String restUrl = "http://127.0.0.1:" + venueRest.actualPort() + "/bithumb";
            join(vertx.deployVerticle(new MarketVerticle(config(sim, restUrl), sim.clock(), "it")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> sim.connectionStats().openedCount(WsHost.BITHUMB) >= 1 && lastOpen() >= START);
            // The hourly reload: asked, and held by the venue.
            await().atMost(Duration.ofSeconds(30)).until(() -> listRequests.get() >= 2);
            long opened = sim.connectionStats().openedCount(WsHost.BITHUMB);
            long droppedAt = sim.clock().millis();
            join(sim.faults().dropBithumbConnections());

            // Well within the 10 s a held REST request takes to time out: the reconnect waits for nothing.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> sim.connectionStats().openedCount(WsHost.BITHUMB) > opened);
            await().atMost(Duration.ofSeconds(20)).until(() -> lastOpen() >= droppedAt + 3 * MIN);
        } finally {
            join(venueRest.close());
            join(sim.close());
        }
    }

    /**
     * Starts the venue's REST in front of the simulator: every request is passed on, except that every
     * {@code /v1/market/all} after the first gets no answer at all.
     */
    private Future<HttpServer> holdListReloads(Vertx vertx, URI sim) {
        WebClient client = WebClient.create(vertx);
        return vertx.createHttpServer()
                .requestHandler(request -> {
                    if (request.path().endsWith("/v1/market/all") && listRequests.incrementAndGet() > 1) {
                        return;
                    }
                    client.request(request.method(), sim.getPort(), sim.getHost(), request.uri())
                            .send()
                            .onComplete(ar -> answer(request, ar.succeeded() ? ar.result() : null));
                })
                .listen(0, "127.0.0.1");
    }

    private static void answer(HttpServerRequest request, HttpResponse<Buffer> response) {
        if (response == null) {
            request.response().setStatusCode(502).end();
            return;
        }
        request.response().setStatusCode(response.statusCode());
        response.headers().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("content-length") && !h.getKey().equalsIgnoreCase("transfer-encoding")) {
                request.response().putHeader(h.getKey(), h.getValue());
            }
        });
        request.response().end(response.body() == null ? Buffer.buffer() : response.body());
    }

    private static MarketConfig config(ExchangeSimulator sim, String restUrl) {
        JsonObject json = SimEndpoints.marketJson(sim, List.of(KRW_BTC));
        json.getJsonObject("bithumb").put("restUrl", restUrl);
        return MarketConfig.fromJson(
                json.put("intervals", new JsonArray().add("1m"))
                        .put("closeGraceMillis", 25_000)
                        // 6 s: the drop, not a stall, is what this test makes the feed reconnect for.
                        .put("stallTimeoutMillis", 3_600_000)
                        .put("tickMillis", 20)
                        .put("reconnectMinMillis", 50)
                        .put("reconnectMaxMillis", 500),
                "market");
    }

    private long lastOpen() {
        return closed.stream()
                .filter(c -> c.instrument().equals(KRW_BTC) && c.interval() == Interval.M1)
                .mapToLong(Candle::openTime)
                .max()
                .orElse(Long.MIN_VALUE);
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }
}
