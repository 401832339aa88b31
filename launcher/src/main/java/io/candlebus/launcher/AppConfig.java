package io.candlebus.launcher;

import io.candlebus.alerts.AlertsConfig;
import io.candlebus.contract.ConfigException;
import io.candlebus.launcher.http.ReadinessLimits;
import io.candlebus.market.MarketConfig;
import io.candlebus.order.OrderConfig;
import io.candlebus.recorder.RecorderConfig;
import io.candlebus.sim.SimConfig;
import io.candlebus.strategy.StrategyConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
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
        MarketConfig market,
        StrategyConfig strategy,
        OrderConfig order,
        RecorderConfig recorder,
        AlertsConfig alerts) {

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
     */
    record HttpConfig(String host, int port, String controlToken, ReadinessLimits readiness) {
        /** Returns how old (by its feed's clock) a stream's last message may be before the node is not ready. */
        long staleStreamMillis() {
            return readiness.staleStreamMillis();
        }

        @Override
        public String toString() {
            return "HttpConfig[host=" + host + ", port=" + port + ", readiness=" + readiness + ", controlToken="
                    + (controlToken == null ? "unset" : "***") + "]";
        }
    }

    /** Hazelcast clustering: TCP/IP discovery, multicast off, loopback by default. */
    record ClusterConfig(boolean enabled, String name, String host, int port, int busPort, List<String> members) {}

    /** The built-in simulator's settings. */
    record SimSettings(long seed, double speed, int port) {}

    private static final Set<String> KEYS = Set.of(
            "node", "roles", "source", "http", "cluster", "sim", "market", "strategy", "order", "recorder", "alerts");

    /** Validates the merged tree; {@code env} supplies secrets. */
    static AppConfig fromJson(JsonObject tree, Map<String, String> env) {
        JsonFields root = new JsonFields(tree, "", KEYS);
        String node = root.string("node", defaultNodeName());
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

        JsonFields http = new JsonFields(
                root.object("http"),
                "http",
                Set.of(
                        "host",
                        "port",
                        "staleStreamMillis",
                        "startupGraceMillis",
                        "maxUnacknowledgedCandles",
                        "goneAfterMillis"));
        HttpConfig httpConfig = new HttpConfig(
                http.string("host", "127.0.0.1"),
                http.integer("port", 8080, 0, 65535),
                blankToNull(env.get("CANDLEBUS_CONTROL_TOKEN")),
                readinessLimits(http));

        JsonFields cluster = new JsonFields(
                root.object("cluster"), "cluster", Set.of("enabled", "name", "host", "port", "busPort", "members"));
        ClusterConfig clusterConfig = new ClusterConfig(
                cluster.bool("enabled", false),
                cluster.string("name", "candlebus"),
                cluster.string("host", "127.0.0.1"),
                cluster.integer("port", 5701, 1, 65535),
                cluster.integer("busPort", 0, 0, 65535),
                cluster.strings("members", List.of("127.0.0.1")));

        JsonFields sim = new JsonFields(root.object("sim"), "sim", Set.of("seed", "speed", "port"));
        SimSettings simSettings = new SimSettings(
                sim.longValue("seed", 7), sim.positiveDouble("speed", 1.0), sim.integer("port", 0, 0, 65535));

        JsonObject market = root.object("market").copy();
        if (source == Source.SIM && !market.containsKey("instruments")) {
            market.put(
                    "instruments",
                    new JsonArray(SimConfig.demo().instruments().stream()
                            .map(i -> i.instrument().key())
                            .toList()));
        }
        return new AppConfig(
                node,
                roles,
                source,
                httpConfig,
                clusterConfig,
                simSettings,
                MarketConfig.fromJson(market, "market"),
                StrategyConfig.fromJson(root.object("strategy"), "strategy"),
                OrderConfig.fromJson(root.object("order"), "order"),
                RecorderConfig.fromJson(root.object("recorder"), "recorder"),
                AlertsConfig.fromJson(root.object("alerts"), "alerts", env.get(AlertsConfig.TELEGRAM_TOKEN_ENV)));
    }

    private static ReadinessLimits readinessLimits(JsonFields http) {
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

    private static String defaultNodeName() {
        // "pid@host" from the runtime MXBean: unique per process without a DNS lookup.
        return "node-" + ManagementFactory.getRuntimeMXBean().getName();
    }
}
