package io.candlebus.sim;

import io.candlebus.sim.binance.BinanceRestRoutes;
import io.candlebus.sim.binance.BinanceStreamServer;
import io.candlebus.sim.binance.WeightLimiter;
import io.candlebus.sim.bithumb.BithumbRestRoutes;
import io.candlebus.sim.bithumb.BithumbStreamServer;
import io.candlebus.sim.faults.RestOutage;
import io.candlebus.sim.market.Pacing;
import io.candlebus.sim.market.SimMarket;
import io.candlebus.sim.market.TradeScript;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.ext.web.Router;

/**
 * Runs the simulator's one HTTP server on one event loop: the REST routes of both venues, and the
 * websocket endpoints dispatched by path. Everything the simulator does on the network happens here.
 */
final class SimServer extends VerticleBase {
    private final SimConfig config;
    private final SimMarket market;
    private final WeightLimiter limiter = new WeightLimiter();
    private final RestOutage outage;
    private BinanceStreamServer binanceStreams;
    private BithumbStreamServer bithumbStreams;
    private HttpServer server;
    private long generationTimer = -1;

    SimServer(SimConfig config, SimMarket market) {
        this.config = config;
        this.market = market;
        this.outage = new RestOutage(market.clock());
    }

    @Override
    public Future<?> start() {
        Pacing pacing = new Pacing(market.clock(), config.minRealTimerMillis());
        binanceStreams = new BinanceStreamServer(vertx, market, config, pacing);
        bithumbStreams = new BithumbStreamServer(vertx, market, pacing);
        Router router = Router.router(vertx);
        router.route().handler(outage::handle);
        new BinanceRestRoutes(market, limiter).mount(router);
        new BithumbRestRoutes(market).mount(router);
        // Keeps generation ahead of readers so a request never has to generate many minutes at once.
        generationTimer = vertx.setPeriodic(pacing.realPeriod(TradeScript.MINUTE / 4), id -> market.advance());
        server = vertx.createHttpServer(new HttpServerOptions()
                        .setHost(config.host())
                        .setPort(config.port())
                        .setMaxWebSocketMessageSize(1 << 20))
                .requestHandler(router)
                .webSocketHandshakeHandler(this::onHandshake)
                .webSocketHandler(ws -> {
                    if (BithumbStreamServer.accepts(ws.path())) {
                        bithumbStreams.handle(ws);
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
        return server.close();
    }

    private void onHandshake(ServerWebSocketHandshake handshake) {
        if (BithumbStreamServer.accepts(handshake.path())
                || BinanceStreamServer.accepts(handshake.path(), handshake.query())) {
            handshake.accept();
        } else {
            handshake.reject(404);
        }
    }

    int actualPort() {
        return server.actualPort();
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

    Context serverContext() {
        return context;
    }
}
