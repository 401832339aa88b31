package io.candlebus.launcher.http;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.recorder.ParquetCandles;
import io.candlebus.strategy.StrategyEngine;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.util.TreeMap;

/**
 * Chart history from the recorded dataset: the newest {@code historyCandles} closed candles of one stream
 * read from the recorder's Parquet files, with bands, SMA pair and signals recomputed by the strategy's own
 * engine (the dataset keeps candles only). Blocking: run it off the event loop. Only a node that can read
 * the recorder's data directory can serve it.
 */
public final class DatasetHistory {
    private DatasetHistory() {}

    /**
     * Reads one stream's history, or returns null when the data directory holds no candles of it. Signals are
     * all marked historical: they are recomputed now, not as raised.
     */
    public static JsonObject read(DashboardSettings settings, Instrument instrument, Interval interval)
            throws IOException {
        // Files of several flushes and recorders interleave in time: order by open time, keep one per key.
        TreeMap<Long, Candle> candles = new TreeMap<>();
        long rows = ParquetCandles.readRows(settings.dataDir(), instrument, interval, c -> {
            candles.putIfAbsent(c.openTime(), c);
            // Keep what the chart shows plus the candles its bands and averages need first.
            if (candles.size() > settings.historyCandles() + warmUp(settings)) {
                candles.pollFirstEntry();
            }
        });
        if (rows == 0) {
            return null;
        }
        ChartSeries series = CandleHistory.empty(instrument, interval, settings);
        StrategyEngine engine = new StrategyEngine(settings.strategy(), instrument, interval, Clock.systemUTC());
        for (Candle c : candles.values()) {
            series.onClosedCandle(c);
            StrategyEngine.Result result = engine.onClosedCandle(c);
            result.bands().ifPresent(series::onBands);
            result.signals().forEach(s -> series.onSignal(s, true));
        }
        return series.toJson().put("rows", rows);
    }

    private static int warmUp(DashboardSettings settings) {
        return Math.max(settings.strategy().period(), settings.strategy().sma().slow());
    }
}
