package io.candlebus.launcher;

import io.candlebus.alerts.AlertsVerticle;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Market;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.launcher.AppConfig.Source;
import io.candlebus.launcher.http.DashboardSettings;
import io.candlebus.launcher.http.FdBudget;
import io.candlebus.launcher.http.HttpLimits;
import io.candlebus.launcher.http.StatusServer;
import io.candlebus.market.Endpoint;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.MarketVerticle;
import io.candlebus.order.OrderConfig;
import io.candlebus.order.OrderEndpoints;
import io.candlebus.order.OrderVerticle;
import io.candlebus.order.live.LiveBroker;
import io.candlebus.order.live.LiveSetup;
import io.candlebus.recorder.RecorderVerticle;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.strategy.StrategyVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running candlebus process: its Vert.x instance (clustered or not), the simulator when this node
 * feeds the demo, and the verticles of its roles, deployed in dependency order and undeployed in reverse.
 */
public final class Node {
    private static final Logger log = LoggerFactory.getLogger(Node.class);

    private final Vertx vertx;
    private final AppConfig config;
    /** Null unless clustered. */
    private final HazelcastClusterManager clusterManager;

    private final List<String> deployments = new ArrayList<>();
    /** When this node started (wall clock), for the uptime it announces. */
    private final long startTime = System.currentTimeMillis();

    private ExchangeSimulator simulator;
    private StatusServer statusServer;

    private Node(Vertx vertx, AppConfig config, HazelcastClusterManager clusterManager) {
        this.vertx = vertx;
        this.config = config;
        this.clusterManager = clusterManager;
    }

    /** Starts a node; the future fails (and everything started is closed) if any part fails. */
    static Future<Node> start(AppConfig config) {
        return start(config, vertx -> {});
    }

    /**
     * Starts a node, calling {@code beforeDeploy} with its Vert.x instance before anything deploys, so
     * a caller (a test, the soak command) can attach consumers that see the very first message.
     */
    static Future<Node> start(AppConfig config, java.util.function.Consumer<Vertx> beforeDeploy) {
        HazelcastClusterManager manager = config.cluster().enabled()
                ? new HazelcastClusterManager(
                        ClusterDepartures.named(HazelcastSetup.config(config.cluster()), config.node()))
                : null;
        return createVertx(config, manager).compose(vertx -> {
            Codecs.registerAll(vertx.eventBus());
            beforeDeploy.accept(vertx);
            Node node = new Node(vertx, config, manager);
            return node.deployAll().map(node).recover(e -> {
                // Fail at once; completing after close would need the event loops close just stopped.
                vertx.close();
                return Future.failedFuture(e);
            });
        });
    }

    /** Creates the node's Vert.x: clustered through {@code manager}, or plain when it is null. */
    static Future<Vertx> createVertx(AppConfig config, HazelcastClusterManager manager) {
        VertxOptions options = new VertxOptions()
                .setMetricsOptions(new MicrometerMetricsOptions()
                        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
                        .setJvmMetricsEnabled(true)
                        .setEnabled(true));
        if (!config.cluster().enabled()) {
            return Future.succeededFuture(Vertx.builder().with(options).build());
        }
        options.setEventBusOptions(new EventBusOptions()
                .setHost(config.cluster().host())
                .setPort(config.cluster().busPort())
                .setClusterPublicHost(config.cluster().host()));
        return Vertx.builder().with(options).withClusterManager(manager).buildClustered();
    }

    private Future<Void> deployAll() {
        Clock clock = Clock.systemUTC();
        if (config.followClock() != null) {
            clock = config.followClock().clock();
            log.warn(
                    "{} set: this node's clock follows a simulator's at {}x real time (tests only), now {}",
                    FollowClock.PATH,
                    config.followClock().speed(),
                    clock.instant());
        }
        Future<Clock> clockReady = Future.succeededFuture(clock);
        MarketConfig market = config.market();
        if (Role.runsFeeds(config.roles()) && config.source() == Source.SIM) {
            clockReady = ExchangeSimulator.start(vertx, Simulators.config(config.sim(), market))
                    .recover(e -> Future.failedFuture(
                            BindFailures.explain(e, "sim.port", config.sim().port(), "sim.port", "127.0.0.1")))
                    .map(sim -> {
                        simulator = sim;
                        log.info(
                                "exchange simulator on http://127.0.0.1:{} (seed {}, speed {}x)",
                                sim.port(),
                                config.sim().seed(),
                                config.sim().speed());
                        return (Clock) sim.clock();
                    });
        }
        return clockReady.compose(c -> deployRoles(c, market));
    }

    private Future<Void> deployRoles(Clock clock, MarketConfig market) {
        String node = config.node();
        // First, so it is undeployed last: the node is listed as long as any of its roles runs.
        Future<Void> chain = deploy(
                new NodeAnnouncer(
                        node, config.roles().stream().map(Role::wireName).toList(), startTime, Clock.systemUTC()),
                new DeploymentOptions());
        if (config.roles().contains(Role.RECORDER)) {
            // Worker: Parquet writing blocks; a worker verticle's handlers run one at a time, so the
            // writer keeps a single owner.
            chain = chain.compose(v -> deploy(
                    new RecorderVerticle(config.recorder(), clock, node),
                    new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
        }
        if (config.roles().contains(Role.ORDER)) {
            LiveSetup live = config.order().live() ? liveSetup(config, simulator) : null;
            if (live != null) {
                log.info(
                        "LIVE orders to {} (keys for {}), journal {}",
                        live.endpoints(),
                        live.keys().keySet(),
                        live.journalDir().toAbsolutePath());
            }
            // Paper mode reads Binance's exchangeInfo (public, no keys) from the order endpoints in effect.
            OrderConfig order = live != null
                    ? config.order()
                    : config.order()
                            .withEndpoints(LiveOrderChecks.endpoints(config.order(), simulatorEndpoints(simulator)));
            chain = chain.compose(v -> deploy(new OrderVerticle(order, clock, node, live), new DeploymentOptions()));
        }
        if (config.roles().contains(Role.STRATEGY)) {
            chain = chain.compose(
                    v -> deploy(new StrategyVerticle(config.strategy(), clock, node), new DeploymentOptions()));
        }
        if (config.roles().contains(Role.ALERTS)) {
            // Before the market: the first heartbeats and signals of this node already find it listening.
            chain = chain.compose(
                    v -> deploy(new AlertsVerticle(config.alerts(), clock, node), new DeploymentOptions()));
        }
        boolean feeds = Role.runsFeeds(config.roles());
        boolean candles = Role.runsCandles(config.roles());
        if (feeds || candles) {
            MarketConfig effective = simulator == null ? market : withSimulatorEndpoints(market, simulator);
            MarketVerticle.Parts parts = feeds && candles
                    ? MarketVerticle.Parts.ALL
                    : feeds ? MarketVerticle.Parts.FEEDS : MarketVerticle.Parts.CANDLES;
            chain = chain.compose(v -> deploy(
                    new MarketVerticle(effective, clock, node, config.recorder().effectiveOutboxDir(), parts),
                    new DeploymentOptions()));
        }
        if (config.roles().contains(Role.HTTP)) {
            AppConfig.HttpConfig http = config.http();
            statusServer = new StatusServer(
                    new StatusServer.Settings(
                            http.host(),
                            http.port(),
                            http.controlToken(),
                            node,
                            http.readiness(),
                            withinFdLimit(http.limits())),
                    Clock.systemUTC(),
                    new DashboardSettings(
                            config.order().maxSignalAgeMillis(),
                            config.strategy(),
                            config.recorder().dataDir(),
                            DashboardSettings.DEFAULT_HISTORY_CANDLES));
            chain = chain.compose(v -> deploy(statusServer, new DeploymentOptions())
                            .recover(e -> Future.failedFuture(
                                    BindFailures.explain(e, "http.port", http.port(), "http.host", http.host()))))
                    .onSuccess(v -> {
                        if (clusterManager != null) {
                            ClusterDepartures.watch(vertx, clusterManager, statusServer::onNodeLeft);
                        }
                        log.info("status on http://{}:{}/status", config.http().host(), statusServer.actualPort());
                    });
        }
        return chain;
    }

    /** Lowers the connection maximum if it would not leave descriptors for the recorder and the feeds. */
    private static HttpLimits withinFdLimit(HttpLimits limits) {
        long fdLimit = FdBudget.processLimit();
        int max = FdBudget.maxConnections(limits.maxConnections(), fdLimit);
        if (max < limits.maxConnections()) {
            log.warn(
                    "http.maxConnections {} would leave fewer than {} of this process's {} file descriptors for the"
                            + " recorder and the feeds; using {} (raise the limit: LimitNOFILE= in the systemd unit,"
                            + " or ulimit -n before starting)",
                    limits.maxConnections(),
                    FdBudget.RESERVE,
                    fdLimit,
                    max);
            return limits.withMaxConnections(max);
        }
        log.info("HTTP allows {} connections; the process may open {} file descriptors", max, fdLimit);
        return limits;
    }

    /**
     * Resolves live mode: an order endpoint set in the config wins; an unset one is the simulator's when this
     * node runs it, else the venue's real host. Against the simulator's fast clock Binance's recvWindow is
     * its maximum.
     */
    private static LiveSetup liveSetup(AppConfig config, ExchangeSimulator sim) {
        return new LiveSetup(
                config.orderJournalDir(),
                LiveOrderChecks.endpoints(config.order(), simulatorEndpoints(sim)),
                config.orderKeys(),
                sim == null ? 5_000 : 60_000,
                new LiveBroker.Settings(10_000, 5_000, config.order().lookupDeadlineMillis(), 500),
                config.order().pollMillis());
    }

    /** The simulator's order endpoints when this node runs it, else null. */
    private static OrderEndpoints simulatorEndpoints(ExchangeSimulator sim) {
        return sim == null
                ? null
                : new OrderEndpoints(
                        sim.bithumbRestUrl(),
                        sim.binanceRestUrl(Market.SPOT),
                        sim.binanceRestUrl(Market.USDM),
                        sim.binanceRestUrl(Market.COINM));
    }

    private static MarketConfig withSimulatorEndpoints(MarketConfig market, ExchangeSimulator sim) {
        Map<Market, Endpoint> binance = new EnumMap<>(Market.class);
        for (Market m : Market.values()) {
            binance.put(m, new Endpoint(sim.binanceRestUrl(m), sim.binanceWsUrl(m)));
        }
        return market.withEndpoints(binance, new Endpoint(sim.bithumbRestUrl(), sim.bithumbWsUrl()))
                .withEndpoint(Exchange.UPBIT, new Endpoint(sim.upbitRestUrl(), sim.upbitWsUrl()));
    }

    private Future<Void> deploy(io.vertx.core.Deployable verticle, DeploymentOptions options) {
        return vertx.deployVerticle(verticle, options).map(id -> {
            deployments.add(id);
            return null;
        });
    }

    /** Returns the Vert.x instance (tests attach consumers to it). */
    public Vertx vertx() {
        return vertx;
    }

    /** Returns the simulator this node started, or null. */
    public ExchangeSimulator simulator() {
        return simulator;
    }

    /** Returns the HTTP port bound, or -1 without the http role. */
    public int httpPort() {
        return statusServer == null ? -1 : statusServer.actualPort();
    }

    /**
     * Stops gracefully: undeploys in reverse order (HTTP and feeds first, the recorder last so it
     * flushes what it acknowledged), stops the simulator, then closes Vert.x (leaving the cluster).
     */
    public Future<Void> close() {
        Future<Void> chain = Future.succeededFuture();
        for (int i = deployments.size() - 1; i >= 0; i--) {
            String id = deployments.get(i);
            chain = chain.compose(v -> vertx.undeploy(id).recover(e -> {
                log.warn("undeploy of {} failed: {}", id, e.toString());
                return Future.succeededFuture();
            }));
        }
        deployments.clear();
        if (simulator != null) {
            ExchangeSimulator sim = simulator;
            chain = chain.compose(v -> sim.close().recover(e -> Future.succeededFuture()));
        }
        return closeAfter(chain, vertx);
    }

    /**
     * Closes {@code vertx} once {@code first} completes. The result belongs to no context: a future chained on
     * a context of {@code vertx} would complete on an event loop the close has just stopped, and never be seen.
     */
    static Future<Void> closeAfter(Future<?> first, Vertx vertx) {
        Promise<Void> closed = Promise.promise();
        first.onComplete(ar -> vertx.close().onComplete(closed));
        return closed.future();
    }
}
