package io.candlebus.sim;

import io.candlebus.contract.Market;
import io.candlebus.sim.binance.BinanceRestRoutes;
import io.candlebus.sim.binance.BinanceStreamServer;
import io.candlebus.sim.binance.WeightLimiter;
import io.candlebus.sim.binance.orders.BinanceOrderRoutes;
import io.candlebus.sim.bithumb.BithumbRestRoutes;
import io.candlebus.sim.bithumb.BithumbStreamServer;
import io.candlebus.sim.bithumb.orders.BithumbOrderRoutes;
import io.candlebus.sim.faults.RestOutage;
import io.candlebus.sim.market.Pacing;
import io.candlebus.sim.market.SimMarket;
import io.candlebus.sim.market.TradeScript;
import io.candlebus.sim.orders.OrderEngine;
import io.candlebus.sim.orders.TradeTape;
import io.candlebus.sim.upbit.UpbitRateLimiter;
import io.candlebus.sim.upbit.UpbitRestRoutes;
import io.candlebus.sim.upbit.UpbitStreamServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.ext.web.Router;

/**
 * Runs the simulator's one HTTP server on one event loop: the REST routes of every venue, and the
 * websocket endpoints dispatched by path. Everything the simulator does on the network happens here.
 */
final class SimServer extends VerticleBase {
    private final SimConfig config;
    private final SimMarket market;
    /** Upbit's new websocket connections per client address within the Korean venues' window. */
    static final int UPBIT_CONNECTIONS = 5;

    private final WeightLimiter limiter = new WeightLimiter();
    private final UpbitRateLimiter upbitLimiter = new UpbitRateLimiter();
    private final RestOutage outage;
    private final ConnectionStats stats = new ConnectionStats();
    private final AttemptLimiter attempts = new AttemptLimiter(System::nanoTime);
    private final OrderEngine orders;
    private volatile ConnectionLimits limits;
    private BinanceStreamServer binanceStreams;
    private BithumbStreamServer bithumbStreams;
    private UpbitStreamServer upbitStreams;
    private HttpServer server;
    private long generationTimer = -1;

    SimServer(SimConfig config, SimMarket market) {
        this.config = config;
        this.market = market;
        this.outage = new RestOutage(market.clock());
        this.limits = config.connectionLimits();
        this.orders = new OrderEngine(TradeTape.of(market));
    }

    @Override
    public Future<?> start() {
        Pacing pacing = new Pacing(market.clock(), config.minRealTimerMillis());
        binanceStreams = new BinanceStreamServer(vertx, market, config, pacing, stats);
        bithumbStreams = new BithumbStreamServer(vertx, market, pacing, config.wireForms());
        upbitStreams = new UpbitStreamServer(vertx, market, pacing);
        Router router = Router.router(vertx);
        router.route().handler(outage::handle);
        new BinanceRestRoutes(market, limiter).mount(router);
        new BithumbRestRoutes(market, config.wireForms()).mount(router);
        new UpbitRestRoutes(market, upbitLimiter).mount(router);
        new BinanceOrderRoutes(orders, limiter, market.clock()).mount(router);
        new BithumbOrderRoutes(orders, market.clock()).mount(router);
        // Keeps generation ahead of readers so a request never has to generate many minutes at once.
        generationTimer = vertx.setPeriodic(pacing.realPeriod(TradeScript.MINUTE / 4), id -> {
            market.advance();
            // Fills resting orders while trades are still in the window, even when nobody asks.
            orders.match();
        });
        server = vertx.createHttpServer(new HttpServerOptions()
                        .setHost(config.host())
                        .setPort(config.port())
                        .setMaxWebSocketMessageSize(1 << 20))
                .requestHandler(router)
                .webSocketHandshakeHandler(this::onHandshake)
                .webSocketHandler(ws -> {
                    if (BithumbStreamServer.accepts(ws.path())) {
                        bithumbStreams.handle(ws);
                    } else if (UpbitStreamServer.accepts(ws.path())) {
                        upbitStreams.handle(ws);
                    } else {
                        binanceStreams.handle(ws);
                    }
                });
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(generationTimer);
        binanceStreams.dropConnections();
        bithumbStreams.dropConnections();
        upbitStreams.dropConnections();
        return server.close();
    }

    /**
     * Applies the venues' handshake rules: an unknown path gets 404, a Binance URL naming more streams
     * than a connection may carry 400, and a client over its host's connection-attempt cap 429.
     */
    private void onHandshake(ServerWebSocketHandshake handshake) {
        ConnectionLimits limits = this.limits;
        WsHost host;
        if (BithumbStreamServer.accepts(handshake.path())) {
            host = WsHost.BITHUMB;
        } else if (UpbitStreamServer.accepts(handshake.path())) {
            host = WsHost.UPBIT;
        } else {
            Market m = BinanceStreamServer.market(handshake.path(), handshake.query());
            if (m == null) {
                handshake.reject(404);
                return;
            }
            host = WsHost.binance(m);
            if (BinanceStreamServer.streamCount(handshake.path(), handshake.query()) > limits.streamsPerConnection()) {
                stats.refusedForStreams(host);
                handshake.reject(400);
                return;
            }
        }
        boolean korean = host == WsHost.BITHUMB || host == WsHost.UPBIT;
        String client = handshake.remoteAddress() == null
                ? "?"
                : handshake.remoteAddress().hostAddress();
        // Upbit caps 5 new connections per second where Bithumb caps 10; both count in the same one-second
        // window, which a soak scales to sim time with the rest of the limits.
        int cap = host == WsHost.UPBIT
                ? UPBIT_CONNECTIONS
                : korean ? limits.bithumbConnections() : limits.binanceConnections();
        if (!attempts.tryAdmit(
                host + " " + client, cap, korean ? limits.bithumbWindowMillis() : limits.binanceWindowMillis())) {
            stats.refusedForAttempts(host);
            handshake.reject(429);
            return;
        }
        stats.opened(host);
        handshake.accept();
    }

    ConnectionLimits connectionLimits() {
        return limits;
    }

    void connectionLimits(ConnectionLimits newLimits) {
        limits = newLimits;
        binanceStreams.maxStreams(newLimits.streamsPerConnection());
        binanceStreams.closeOnInvalidStream(newLimits.closeOnInvalidStream());
    }

    ConnectionStats stats() {
        return stats;
    }

    int actualPort() {
        return server.actualPort();
    }

    OrderEngine orders() {
        return orders;
    }

    RestOutage outage() {
        return outage;
    }

    WeightLimiter limiter() {
        return limiter;
    }

    BinanceStreamServer binanceStreams() {
        return binanceStreams;
    }

    BithumbStreamServer bithumbStreams() {
        return bithumbStreams;
    }

    UpbitStreamServer upbitStreams() {
        return upbitStreams;
    }

    UpbitRateLimiter upbitLimiter() {
        return upbitLimiter;
    }

    Context serverContext() {
        return context;
    }
}
