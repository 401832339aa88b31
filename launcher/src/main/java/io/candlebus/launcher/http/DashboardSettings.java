package io.candlebus.launcher.http;

import io.candlebus.order.OrderConfig;
import io.candlebus.strategy.StrategyConfig;
import java.nio.file.Path;

/**
 * What the chart dashboard needs from the rest of the configuration.
 *
 * @param maxSignalAgeMillis {@code order.maxSignalAgeMillis}: older signals were not traded and are shown as
 *     historical
 * @param strategy the strategy settings, for the SMA pair's periods and price source (the bus carries the
 *     bands but not the averages) and to recompute bands from the recorded dataset
 * @param dataDir the recorder's data directory, read for history on request; only a node that can read it
 *     serves dataset history
 * @param historyCandles closed candles kept in memory per instrument and interval, and the most read back from
 *     the dataset
 */
public record DashboardSettings(long maxSignalAgeMillis, StrategyConfig strategy, Path dataDir, int historyCandles) {

    /** The default of {@code historyCandles}: about eight hours of 1m candles. */
    public static final int DEFAULT_HISTORY_CANDLES = 500;

    public DashboardSettings {
        if (maxSignalAgeMillis < 0) {
            throw new IllegalArgumentException("maxSignalAgeMillis: expected >= 0, was " + maxSignalAgeMillis);
        }
        if (strategy == null) {
            throw new IllegalArgumentException("strategy: expected the strategy settings, was null");
        }
        if (historyCandles < 1) {
            throw new IllegalArgumentException("historyCandles: expected >= 1, was " + historyCandles);
        }
    }

    /** The defaults of every component's settings and the default data directory {@code ./data}. */
    public static DashboardSettings defaults() {
        return new DashboardSettings(
                OrderConfig.defaults().maxSignalAgeMillis(),
                StrategyConfig.defaults(),
                Path.of("data"),
                DEFAULT_HISTORY_CANDLES);
    }
}
