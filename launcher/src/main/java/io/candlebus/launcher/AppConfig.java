package io.candlebus.launcher;

import io.candlebus.alerts.AlertsConfig;
import io.candlebus.contract.ConfigException;
import io.candlebus.contract.ConfigReader;
import io.candlebus.contract.Exchange;
import io.candlebus.launcher.http.HttpLimits;
import io.candlebus.launcher.http.ReadinessLimits;
import io.candlebus.market.MarketConfig;
import io.candlebus.order.ApiCredentials;
import io.candlebus.order.OrderConfig;
import io.candlebus.recorder.RecorderConfig;
import io.candlebus.sim.SimConfig;
import io.candlebus.strategy.StrategyConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The whole configuration of one node, validated before anything deploys. */
record AppConfig(
        String node,
        Set<Role> roles,
        Source source,
        HttpConfig http,
        ClusterConfig cluster,
        SimSettings sim,
        FollowClock followClock,
        MarketConfig market,
        StrategyConfig strategy,
        OrderConfig order,
        RecorderConfig recorder,
        AlertsConfig alerts,
        Map<Exchange, ApiCredentials> orderKeys) {

    /** The directory of the live order journal: {@code order.journalDir}, else {@code <recorder.dataDir>/orders}. */
    Path orderJournalDir() {
        return order.journalDir() != null
                ? Path.of(order.journalDir())
                : recorder.dataDir().resolve("orders");
    }

    /** Where market data comes from. */
    enum Source {
        /** The built-in exchange simulator, started by the node that runs the market role. */
        SIM,
        /** The configured (by default the real) exchange endpoints. */
        LIVE
    }

    /**
     * The HTTP status server; the control token comes only from {@code CANDLEBUS_CONTROL_TOKEN}.
     *
     * @param readiness what {@code /health/ready} tolerates ({@code http.staleStreamMillis},
     *     {@code http.startupGraceMillis}, {@code http.maxUnacknowledgedCandles}, {@code http.goneAfterMillis})
     * @param limits connection, timeout and size limits for clients
     */
    record HttpConfig(String host, int port, String controlToken, ReadinessLimits readiness, HttpLimits limits) {
        /** Returns how old (by its feed's clock) a stream's last message may be before the node is not ready. */
        long staleStreamMillis() {
            return readiness.staleStreamMillis();
        }

        @Override
        public String toString() {
            return "HttpConfig[host=" + host + ", port=" + port + ", readiness=" + readiness + ", limits=" + limits
                    + ", controlToken=" + (controlToken == null ? "unset" : "***") + "]";
        }
    }

    /** Hazelcast clustering: TCP/IP discovery, multicast off, loopback by default. */
    record ClusterConfig(boolean enabled, String name, String host, int port, int busPort, List<String> members) {}

    /** The built-in simulator's settings. */
    /** {@code startTime}: the sim clock's epoch ms at start, 0 for the real current time. */
    record SimSettings(long seed, double speed, int port, long startTime) {}

    private static final Set<String> KEYS = Set.of(
            "node", "roles", "source", "http", "cluster", "sim", "market", "strategy", "order", "recorder", "alerts");

    /** The keys of the {@code http} section. */
    static final Set<String> HTTP_KEYS = Set.of(
            "host",
            "port",
            "staleStreamMillis",
            "startupGraceMillis",
            "maxUnacknowledgedCandles",
            "goneAfterMillis",
            "maxConnections",
            "idleTimeoutMillis",
            "headerTimeoutMillis",
            "maxBodyBytes");

    /**
     * Validates the merged tree, then every layer below the top one on its own: a bad value in the file
     * is reported even when the environment or a flag overrides it.
     */
    static AppConfig fromLayers(ConfigLoader.Loaded loaded, Map<String, String> env) {
        AppConfig config = fromJson(loaded.tree(), env);
        List<ConfigLoader.Layer> layers = loaded.layers();
        for (int i = 0; i < layers.size() - 1; i++) {
            ConfigLoader.Layer layer = layers.get(i);
            try {
                // Live mode's keys and endpoints are checked on the merged tree only: a lower layer's mode may
                // be overridden.
                fromJson(layer.tree(), env, false);
            } catch (ConfigException e) {
                throw new ConfigException(e.getMessage() + " (in " + layer.source()
                        + "; a later layer overrides it, but every layer must be valid)");
            }
        }
        return config;
    }

    /** Validates one tree (merged or a single layer); {@code env} supplies secrets. */
    static AppConfig fromJson(JsonObject tree, Map<String, String> env) {
        return fromJson(tree, env, true);
    }

    /** Validates one tree; {@code merged} also collects live mode's keys and checks its endpoints. */
    private static AppConfig fromJson(JsonObject tree, Map<String, String> env, boolean merged) {
        ConfigChecks.noControlCharacters(tree, "");
        ConfigReader root = new ConfigReader(tree, "", KEYS);
        String node = ConfigChecks.name("node", root.string("node", defaultNodeName()));
        Object rolesValue = tree.getValue("roles");
        Set<Role> roles = rolesValue instanceof JsonArray a
                ? Role.parseList(
                        String.join(",", a.stream().map(String::valueOf).toList()), "roles")
                : Role.parseList(root.string("roles", "all"), "roles");
        Source source =
                switch (root.string("source", "sim")) {
                    case "sim" -> Source.SIM;
                    case "live" -> Source.LIVE;
                    default -> throw new ConfigException("source", "sim or live", tree.getValue("source"));
                };

        ConfigReader http = new ConfigReader(root.object("http"), "http", HTTP_KEYS);
        HttpConfig httpConfig = new HttpConfig(
                ConfigChecks.bindable("http.host", http.string("host", "127.0.0.1")),
                http.integer("port", 8080, 0, 65535),
                blankToNull(env.get("CANDLEBUS_CONTROL_TOKEN")),
                readinessLimits(http),
                new HttpLimits(
                        http.integer("maxConnections", HttpLimits.DEFAULT_MAX_CONNECTIONS, 1, 1_000_000),
                        http.longValue("idleTimeoutMillis", HttpLimits.DEFAULT_IDLE_TIMEOUT_MILLIS, 1_000, 86_400_000),
                        http.longValue("headerTimeoutMillis", HttpLimits.DEFAULT_HEADER_TIMEOUT_MILLIS, 100, 600_000),
                        http.integer("maxBodyBytes", HttpLimits.DEFAULT_MAX_BODY_BYTES, 256, 1_048_576)));

        ConfigReader cluster = new ConfigReader(
                root.object("cluster"), "cluster", Set.of("enabled", "name", "host", "port", "busPort", "members"));
        List<String> members = cluster.strings("members", List.of("127.0.0.1"));
        for (int i = 0; i < members.size(); i++) {
            ConfigChecks.member("cluster.members[" + i + "]", members.get(i));
        }
        ClusterConfig clusterConfig = new ClusterConfig(
                cluster.bool("enabled", false),
                ConfigChecks.name("cluster.name", cluster.string("name", "candlebus")),
                ConfigChecks.bindableAddress("cluster.host", cluster.string("host", "127.0.0.1")),
                // Hazelcast tries this port and the next 19.
                cluster.integer("port", 5701, 1, 65_535 - 19),
                cluster.integer("busPort", 0, 0, 65_535),
                members);

        ConfigReader sim = new ConfigReader(
                root.object("sim"), "sim", Set.of("seed", "speed", "port", "startTime", "followClock"));
        SimSettings simSettings = new SimSettings(
                sim.longValue("seed", 7),
                sim.number("speed", 1.0, 0, Simulators.MAX_SPEED),
                sim.integer("port", 0, 0, 65535),
                sim.longValue("startTime", 0, 0, Long.MAX_VALUE));
        FollowClock followClock = FollowClock.fromJson(sim);

        JsonObject market = root.object("market").copy();
        if (source == Source.SIM && !market.containsKey("instruments")) {
            market.put(
                    "instruments",
                    new JsonArray(SimConfig.demo().instruments().stream()
                            .map(i -> i.instrument().key())
                            .toList()));
        }
        MarketConfig marketConfig = MarketConfig.fromJson(market, "market");
        if (source == Source.SIM) {
            // Everything the simulator would reject at deploy time is rejected now.
            Simulators.config(simSettings, marketConfig);
        }
        OrderConfig orderConfig = OrderConfig.fromJson(root.object("order"), "order");
        Map<Exchange, ApiCredentials> orderKeys = merged && orderConfig.live() && roles.contains(Role.ORDER)
                ? LiveOrderChecks.keys(orderConfig, marketConfig, source, roles, env)
                : Map.of();
        if (merged && followClock != null) {
            // On the merged tree only, as live mode's checks: a lower layer's source or endpoints may be overridden.
            followClock.check(source, orderConfig, marketConfig);
        }
        return new AppConfig(
                node,
                roles,
                source,
                httpConfig,
                clusterConfig,
                simSettings,
                followClock,
                marketConfig,
                StrategyConfig.fromJson(root.object("strategy"), "strategy"),
                orderConfig,
                RecorderConfig.fromJson(root.object("recorder"), "recorder"),
                AlertsConfig.fromJson(root.object("alerts"), "alerts", env.get(AlertsConfig.TELEGRAM_TOKEN_ENV)),
                orderKeys);
    }

    private static ReadinessLimits readinessLimits(ConfigReader http) {
        long week = 604_800_000;
        return new ReadinessLimits(
                // At least a second: feeds report every second, so a shorter threshold would only flap.
                http.longValue("staleStreamMillis", ReadinessLimits.DEFAULT_STALE_STREAM_MILLIS, 1_000, week),
                http.longValue("startupGraceMillis", ReadinessLimits.DEFAULT_STARTUP_GRACE_MILLIS, 0, week),
                http.longValue(
                        "maxUnacknowledgedCandles", ReadinessLimits.DEFAULT_MAX_UNACKNOWLEDGED_CANDLES, 1, 10_000_000),
                // Past the stale-heartbeat bound, so a component is first stale (not ready), then gone.
                http.longValue(
                        "goneAfterMillis",
                        ReadinessLimits.DEFAULT_GONE_AFTER_MILLIS,
                        ReadinessLimits.STALE_AFTER_MILLIS + 1_000,
                        week));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static String defaultNodeName() {
        // "pid@host" from the runtime MXBean: unique per process without a DNS lookup. A host name with
        // characters a node name may not hold has them replaced, so the default always validates.
        String name = ("node-" + ManagementFactory.getRuntimeMXBean().getName()).replaceAll("[^A-Za-z0-9._@:+-]", "-");
        return name.length() > 100 ? name.substring(0, 100) : name;
    }
}
