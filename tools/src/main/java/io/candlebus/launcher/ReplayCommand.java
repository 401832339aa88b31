package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import io.candlebus.recorder.ParquetCandles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Runs {@code replay}: the aggregation, indicator and signal code of a live node over a Binance kline
 * dump file, written as CSV (see {@link ReplayOptions#usage()}).
 */
final class ReplayCommand {
    private ReplayCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        ReplayOptions options;
        try {
            options = ReplayOptions.parse(args);
        } catch (ConfigException e) {
            err.println("candlebus replay: " + e.getMessage());
            err.println("Run 'replay --help' for the options.");
            return 2;
        }
        if (options.help()) {
            out.print(ReplayOptions.usage());
            return 0;
        }
        long rows;
        long signals;
        try (Replay replay = new Replay(options)) {
            rows = options.parquet() != null
                    ? ParquetCandles.read(options.parquet(), options.instrument(), replay::onRow)
                    : BinanceDumpCsv.read(options.klines(), options.instrument(), replay::onRow);
            signals = replay.signals();
        } catch (BadDumpException e) {
            err.println("candlebus replay: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("candlebus replay: " + e);
            return 1;
        } catch (UncheckedIOException e) {
            err.println("candlebus replay: " + e.getCause());
            return 1;
        }
        out.println("rows=" + rows + " signals=" + signals + " out=" + options.out());
        return 0;
    }
}
