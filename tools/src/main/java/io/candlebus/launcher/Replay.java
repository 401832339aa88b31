package io.candlebus.launcher;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Signal;
import io.candlebus.market.candle.CandleAggregator;
import io.candlebus.strategy.PriceSource;
import io.candlebus.strategy.SignalRule;
import io.candlebus.strategy.SmaConfig;
import io.candlebus.strategy.StrategyConfig;
import io.candlebus.strategy.StrategyEngine;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the live code over recorded 1m candles: one {@link CandleAggregator} builds the larger intervals
 * from the 1m rows, and one {@link StrategyEngine} per interval computes bands and signals from every
 * closed candle, written as CSV. A larger bucket is written only once the rows cover it to its end, so
 * the incomplete last bucket is left out, as is a first bucket the rows do not cover from its start.
 */
final class Replay implements Closeable {
    static final String CANDLES_HEADER = "open_time,open,high,low,close,volume,quote_volume,trade_num,"
            + "taker_buy_base_asset_volume,taker_buy_quote_asset_volume";
    static final String BANDS_HEADER = "open_time,middle,upper,lower";
    static final String SIGNALS_HEADER = "open_time,interval,rule,side,price";

    /** Signal.time is the only thing the clock feeds, and it is not written: fixed for determinism. */
    private static final Clock FIXED = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    private final CandleAggregator aggregator;
    private final Map<Interval, StrategyEngine> engines = new EnumMap<>(Interval.class);
    private final Map<Interval, BufferedWriter> candleFiles = new EnumMap<>(Interval.class);
    private final Map<Interval, BufferedWriter> bandFiles = new EnumMap<>(Interval.class);
    private final BufferedWriter signalFile;
    private final List<BufferedWriter> open = new ArrayList<>();
    private long signals;

    Replay(ReplayOptions options) throws IOException {
        StrategyConfig config = new StrategyConfig(
                options.period(),
                options.k(),
                options.cooldown(),
                false,
                0,
                PriceSource.CLOSE,
                Set.of(SignalRule.BAND_CROSS, SignalRule.SMA_CROSS),
                new SmaConfig(options.fast(), options.slow()));
        Files.createDirectories(options.out());
        try {
            for (Interval interval : options.intervals()) {
                engines.put(interval, new StrategyEngine(config, options.instrument(), interval, FIXED));
                candleFiles.put(interval, file(options.out(), "candles_" + interval.code() + ".csv", CANDLES_HEADER));
                bandFiles.put(interval, file(options.out(), "bands_" + interval.code() + ".csv", BANDS_HEADER));
            }
            signalFile = file(options.out(), "signals.csv", SIGNALS_HEADER);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        List<Interval> aggregated = new ArrayList<>(options.intervals());
        if (!aggregated.contains(Interval.M1)) {
            aggregated.add(Interval.M1);
        }
        // No trades reach this aggregator, so the grace and silence periods never come into play.
        aggregator = new CandleAggregator(aggregated, 0, 0, this::onClosed);
    }

    /** Hands one closed 1m row to the aggregator, which publishes it and every bucket it completes. */
    void onRow(Candle minute) {
        aggregator.onKline(minute);
    }

    long signals() {
        return signals;
    }

    private void onClosed(Candle candle) {
        StrategyEngine engine = engines.get(candle.interval());
        if (engine == null) {
            return;
        }
        try {
            candleFiles.get(candle.interval()).write(candleRow(candle));
            StrategyEngine.Result result = engine.onClosedCandle(candle);
            if (result.bands().isPresent()) {
                Bands b = result.bands().get();
                bandFiles
                        .get(candle.interval())
                        .write(b.openTime() + "," + b.middle() + "," + b.upper() + "," + b.lower() + "\n");
            }
            for (Signal s : result.signals()) {
                signals++;
                signalFile.write(s.openTime() + "," + s.interval().code() + "," + s.rule() + "," + s.side() + ","
                        + s.price().toPlainString() + "\n");
            }
        } catch (IOException e) {
            // The aggregator's sink cannot throw checked exceptions; ReplayCommand unwraps this.
            throw new UncheckedIOException(e);
        }
    }

    static String candleRow(Candle c) {
        return c.openTime() + "," + c.open().toPlainString() + "," + c.high().toPlainString() + ","
                + c.low().toPlainString() + "," + c.close().toPlainString() + ","
                + c.volume().toPlainString()
                + "," + c.quoteVolume().toPlainString() + "," + c.tradeCount() + ","
                + c.takerBuyBaseVolume().toPlainString() + ","
                + c.takerBuyQuoteVolume().toPlainString() + "\n";
    }

    private BufferedWriter file(Path dir, String name, String header) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8);
        open.add(w);
        w.write(header);
        w.write("\n");
        return w;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (BufferedWriter w : open) {
            try {
                w.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
