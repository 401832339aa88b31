package io.candlebus.launcher;

import io.candlebus.contract.Interval;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.SimInstrument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The venue the bench's feed talks to, in this process on its own single event loop (so the measured event loops
 * serve the node's verticles only): the exchange simulator for REST (the market list and the history before the
 * stream, as in tests), and a websocket that accepts the feed's connection and subscription and answers its {@code
 * PING}s, nothing more. The stream's messages do not cross it: the bench hands them to the feed's frame handler.
 */
final class BenchVenue implements AutoCloseable {
    private final Vertx vertx;
    private final ExchangeSimulator sim;
    private final HttpServer ws;
    private final AtomicLong pings;

    private BenchVenue(Vertx vertx, ExchangeSimulator sim, HttpServer ws, AtomicLong pings) {
        this.vertx = vertx;
        this.pings = pings;
        this.sim = sim;
        this.ws = ws;
    }

    /**
     * Starts a simulator listing {@code codes} at their {@link BenchMessages#level} with {@code historyMinutes} of
     * REST history up to {@code start}, and the websocket.
     */
    static BenchVenue start(List<String> codes, long start, int historyMinutes) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
        try {
            List<SimInstrument> instruments = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                instruments.add(SimInstrument.of(
                        "bithumb:spot:" + codes.get(i), Long.toString(BenchMessages.level(i)), "1", "0.0001", 2));
            }
            SimConfig config = SimConfig.defaults()
                    .withInstruments(instruments)
                    .withStartTime(start)
                    .withHistoryMinutes(historyMinutes);
            AtomicLong pings = new AtomicLong();
            ExchangeSimulator sim = ExchangeSimulator.start(vertx, config).await();
            HttpServer ws = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
                    .webSocketHandler(socket -> socket.textMessageHandler(text -> {
                        if ("PING".equals(text.trim())) {
                            pings.incrementAndGet();
                            socket.writeTextMessage("{\"status\":\"UP\"}");
                        }
                    }))
                    .listen(0)
                    .await();
            return new BenchVenue(vertx, sim, ws, pings);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** Returns the minutes of REST history a feed with {@code warmupCandles} of {@code largest} asks for, and a margin. */
    static int historyMinutes(int warmupCandles, Interval largest) {
        return (int) ((warmupCandles + 2) * largest.millis() / Interval.M1.millis()) + 30;
    }

    /** Returns the {@code PING}s the websocket answered (any thread). */
    long pings() {
        return pings.get();
    }

    String restUrl() {
        return sim.bithumbRestUrl();
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + ws.actualPort() + "/websocket/v1";
    }

    @Override
    public void close() {
        Future.join(ws.close(), sim.close()).eventually(() -> vertx.close()).await();
    }
}
