package io.candlebus.sim;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.sim.faults.Faults;
import io.candlebus.sim.market.SimMarket;
import io.candlebus.sim.orders.OrderEngine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Objects;

/**
 * Runs a local, deterministic Binance, Bithumb and Upbit exchange on one loopback port: REST history and
 * websocket streams are views of one seeded trade sequence per instrument, and {@link #truth} lists
 * every closed 1m candle it generated.
 */
public final class ExchangeSimulator {
    private final Vertx vertx;
    private final SimConfig config;
    private final SimMarket market;
    private final SimServer server;
    private final String deploymentId;
    private final Faults faults;

    private ExchangeSimulator(Vertx vertx, SimConfig config, SimMarket market, SimServer server, String deploymentId) {
        this.vertx = vertx;
        this.config = config;
        this.market = market;
        this.server = server;
        this.deploymentId = deploymentId;
        this.faults = new Faults(
                server.serverContext(),
                market.clock(),
                server.binanceStreams(),
                server.bithumbStreams(),
                server.upbitStreams(),
                server.limiter(),
                server.upbitLimiter(),
                server.outage());
    }

    /**
     * Starts a simulator: generates the history (off the event loop), then listens on
     * {@code config.host()}:{@code config.port()} (0 = any free port).
     */
    public static Future<ExchangeSimulator> start(Vertx vertx, SimConfig config) {
        long startTime = config.startTime() == 0 ? System.currentTimeMillis() : config.startTime();
        SimClock clock = new SimClock(startTime, config.speed());
        SimMarket market = new SimMarket(config, clock);
        return vertx.executeBlocking(() -> {
                    market.advance();
                    return market;
                })
                .compose(m -> {
                    SimServer server = new SimServer(config, market);
                    return vertx.deployVerticle(server)
                            .map(id -> new ExchangeSimulator(vertx, config, market, server, id));
                });
    }

    /** Returns the port the simulator listens on. */
    public int port() {
        return server.actualPort();
    }

    /** Returns the accelerated clock every part of the simulator (and the code under test) should use. */
    public SimClock clock() {
        return market.clock();
    }

    /** Returns the configuration the simulator runs with. */
    public SimConfig config() {
        return config;
    }

    /** Returns the REST base URL of a Binance market, e.g. {@code http://127.0.0.1:P/binance/spot}. */
    public String binanceRestUrl(Market m) {
        return "http://" + host() + ":" + port() + "/binance/" + m.wireName();
    }

    /**
     * Returns the websocket base URL of a Binance market: {@code ws://127.0.0.1:P/binance/spot},
     * {@code .../binance/usdm/market}, {@code .../binance/coinm}; append {@code /ws/<stream>} or
     * {@code /stream?streams=}.
     */
    public String binanceWsUrl(Market m) {
        String base = "ws://" + host() + ":" + port() + "/binance/" + m.wireName();
        return m == Market.USDM ? base + "/market" : base;
    }

    /** Returns Bithumb's REST base URL, {@code http://127.0.0.1:P/bithumb}. */
    public String bithumbRestUrl() {
        return "http://" + host() + ":" + port() + "/bithumb";
    }

    /** Returns Bithumb's full websocket URL, {@code ws://127.0.0.1:P/bithumb/websocket/v1}. */
    public String bithumbWsUrl() {
        return "ws://" + host() + ":" + port() + "/bithumb/websocket/v1";
    }

    /** Returns Upbit's REST base URL, {@code http://127.0.0.1:P/upbit} (append {@code /v1/candles/...}). */
    public String upbitRestUrl() {
        return "http://" + host() + ":" + port() + "/upbit";
    }

    /** Returns Upbit's full websocket URL, {@code ws://127.0.0.1:P/upbit/websocket/v1}. */
    public String upbitWsUrl() {
        return "ws://" + host() + ":" + port() + "/upbit/websocket/v1";
    }

    /**
     * Returns every 1m candle of {@code i} closed at the current sim time, oldest first, closed and with
     * source REST. A minute without trades is a zero-volume candle at the previous close on every venue:
     * Binance sends it so; Bithumb's and Upbit's REST omit it (here as there) and candlebus publishes it flat.
     * A Bithumb or Upbit list starts at the first minute with a trade.
     */
    public List<Candle> truth(Instrument i) {
        return market.truth(i);
    }

    /** Returns the simulated instruments in configuration order. */
    public List<Instrument> instruments() {
        return market.instruments();
    }

    /**
     * Returns the websocket connection counts: per host, handshakes accepted, refused for too many streams
     * (400) or attempts (429), and connections closed for their message rate.
     */
    public ConnectionStats connectionStats() {
        return server.stats();
    }

    /** Returns the websocket connection limits in force (at start, those of the configuration). */
    public ConnectionLimits connectionLimits() {
        return server.connectionLimits();
    }

    /**
     * Enforces other websocket connection limits from now on: new handshakes and connections follow them,
     * open connections keep their stream cap. A soak compressing a day uses {@link ConnectionLimits#inSimTime}.
     */
    public void connectionLimits(ConnectionLimits limits) {
        server.connectionLimits(Objects.requireNonNull(limits, "limits: expected connection limits, was null"));
    }

    /** Returns the private side of both venues: accounts, balances and every order (the orders' truth view). */
    public OrderEngine orders() {
        return server.orders();
    }

    /** Returns the fault-injection API. */
    public Faults faults() {
        return faults;
    }

    /** Stops the simulator: closes every connection and the server. */
    public Future<Void> close() {
        return vertx.undeploy(deploymentId);
    }

    private String host() {
        return "0.0.0.0".equals(config.host()) ? "127.0.0.1" : config.host();
    }
}
