package io.candlebus.launcher;

import java.util.List;

/**
 * One setting that can come from the command line and the environment as well as the config file.
 * {@code path} is its dotted place in the configuration tree; the value is converted to the JSON type
 * the tree expects ({@code kind}).
 */
record Setting(String path, String flag, String env, Kind kind, String description) {

    /** The JSON type a flag or environment value becomes. */
    enum Kind {
        STRING,
        INT,
        DOUBLE,
        LONG,
        BOOLEAN,
        STRING_LIST,
        /** A flag without a value that sets {@code true}. */
        SWITCH
    }

    /** Every setting reachable by flag or environment; everything else is config-file only. */
    static final List<Setting> ALL = List.of(
            new Setting("node", "--node", "CANDLEBUS_NODE", Kind.STRING, "node name in heartbeats and status"),
            new Setting(
                    "roles",
                    "--roles",
                    "CANDLEBUS_ROLES",
                    Kind.STRING,
                    "what this node runs: market,strategy,order,recorder,http,alerts or all; feeds and candles are the"
                            + " two halves of market"),
            new Setting(
                    "source",
                    "--source",
                    "CANDLEBUS_SOURCE",
                    Kind.STRING,
                    "sim (built-in exchange simulator) or live (real exchange endpoints)"),
            new Setting(
                    "recorder.dataDir",
                    "--data",
                    "CANDLEBUS_DATA_DIR",
                    Kind.STRING,
                    "directory the recorder writes Parquet under"),
            new Setting("http.port", "--http-port", "CANDLEBUS_HTTP_PORT", Kind.INT, "HTTP port (0 = any free port)"),
            new Setting("http.host", "--http-host", "CANDLEBUS_HTTP_HOST", Kind.STRING, "HTTP bind address"),
            new Setting(
                    "http.maxConnections",
                    "--http-max-connections",
                    "CANDLEBUS_HTTP_MAX_CONNECTIONS",
                    Kind.INT,
                    "HTTP connections open at once; one more closes the oldest idle one"),
            new Setting(
                    "http.idleTimeoutMillis",
                    "--http-idle-timeout-millis",
                    "CANDLEBUS_HTTP_IDLE_TIMEOUT_MILLIS",
                    Kind.LONG,
                    "close an HTTP connection with nothing read or written for this long (ms)"),
            new Setting(
                    "http.headerTimeoutMillis",
                    "--http-header-timeout-millis",
                    "CANDLEBUS_HTTP_HEADER_TIMEOUT_MILLIS",
                    Kind.LONG,
                    "close an HTTP connection that does not complete a request's headers in this long (ms)"),
            new Setting(
                    "http.maxBodyBytes",
                    "--http-max-body-bytes",
                    "CANDLEBUS_HTTP_MAX_BODY_BYTES",
                    Kind.INT,
                    "largest HTTP request body accepted (bytes); larger gets 413"),
            new Setting(
                    "http.staleStreamMillis",
                    "--stale-stream-millis",
                    "CANDLEBUS_STALE_STREAM_MILLIS",
                    Kind.LONG,
                    "not ready while a stream's last message is older than this (feed clock, ms)"),
            new Setting("cluster.enabled", "--cluster", "CANDLEBUS_CLUSTER", Kind.SWITCH, "join a Hazelcast cluster"),
            new Setting("cluster.name", "--cluster-name", "CANDLEBUS_CLUSTER_NAME", Kind.STRING, "cluster name"),
            new Setting(
                    "cluster.host",
                    "--cluster-host",
                    "CANDLEBUS_CLUSTER_HOST",
                    Kind.STRING,
                    "address Hazelcast and the event bus bind to"),
            new Setting(
                    "cluster.port",
                    "--cluster-port",
                    "CANDLEBUS_CLUSTER_PORT",
                    Kind.INT,
                    "first Hazelcast port to try"),
            new Setting(
                    "cluster.busPort",
                    "--cluster-bus-port",
                    "CANDLEBUS_CLUSTER_BUS_PORT",
                    Kind.INT,
                    "clustered event-bus port (0 = any free port)"),
            new Setting(
                    "cluster.members",
                    "--cluster-members",
                    "CANDLEBUS_CLUSTER_MEMBERS",
                    Kind.STRING_LIST,
                    "TCP/IP discovery members, host or host:port, comma-separated"),
            new Setting(
                    "market.instruments",
                    "--instruments",
                    "CANDLEBUS_INSTRUMENTS",
                    Kind.STRING_LIST,
                    "instruments to follow, e.g. binance:spot:BTCUSDT,bithumb:spot:KRW-BTC"),
            new Setting("sim.seed", "--sim-seed", "CANDLEBUS_SIM_SEED", Kind.LONG, "simulator seed"),
            new Setting(
                    "sim.speed",
                    "--sim-speed",
                    "CANDLEBUS_SIM_SPEED",
                    Kind.DOUBLE,
                    "simulator clock speed (1 = real time)"),
            new Setting("sim.port", "--sim-port", "CANDLEBUS_SIM_PORT", Kind.INT, "simulator port (0 = any free port)"),
            new Setting(
                    "order.mode",
                    "--order-mode",
                    "CANDLEBUS_ORDER_MODE",
                    Kind.STRING,
                    "paper (default) or live (signed orders to the venues, keys from the environment)"),
            new Setting(
                    "alerts.webhook.url",
                    "--alerts-webhook-url",
                    "CANDLEBUS_ALERTS_WEBHOOK_URL",
                    Kind.STRING,
                    "generic JSON webhook alerts are posted to"),
            new Setting(
                    "alerts.telegram.chatId",
                    "--telegram-chat-id",
                    "CANDLEBUS_TELEGRAM_CHAT_ID",
                    Kind.STRING,
                    "Telegram chat alerts go to (needs CANDLEBUS_TELEGRAM_BOT_TOKEN)"),
            new Setting(
                    "alerts.discord.webhookUrl",
                    "--discord-webhook-url",
                    "CANDLEBUS_DISCORD_WEBHOOK_URL",
                    Kind.STRING,
                    "Discord webhook alerts are posted to"));
}
