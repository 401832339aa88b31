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
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Per open connection, the PINGs it answered. */
    private final Map<ServerWebSocket, AtomicLong> pings;
    /** Per connection, the PINGs it had answered when the last round ended. */
    private final Map<ServerWebSocket, Long> roundStart = new HashMap<>();

    private long rounds;

    private BenchVenue(Vertx vertx, ExchangeSimulator sim, HttpServer ws, Map<ServerWebSocket, AtomicLong> pings) {
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
            Map<ServerWebSocket, AtomicLong> pings = new ConcurrentHashMap<>();
            ExchangeSimulator sim = ExchangeSimulator.start(vertx, config).await();
            HttpServer ws = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
                    .webSocketHandler(socket -> {
                        AtomicLong answered = new AtomicLong();
                        pings.put(socket, answered);
                        socket.closeHandler(v -> pings.remove(socket));
                        socket.textMessageHandler(text -> {
                            if ("PING".equals(text.trim())) {
                                answered.incrementAndGet();
                                socket.writeTextMessage("{\"status\":\"UP\"}");
                            }
                        });
                    })
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

    /**
     * Returns how many rounds of {@code PING}s the open connections answered: a round ends when every open connection
     * answered one more since the last round ended (so one quiet connection next to a chatty one stops the count).
     * For one caller thread.
     */
    synchronized long pingRounds() {
        if (pings.isEmpty()) {
            return rounds;
        }
        for (Map.Entry<ServerWebSocket, AtomicLong> e : pings.entrySet()) {
            if (e.getValue().get() <= roundStart.getOrDefault(e.getKey(), 0L)) {
                return rounds;
            }
        }
        roundStart.clear();
        pings.forEach((socket, answered) -> roundStart.put(socket, answered.get()));
        return ++rounds;
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
