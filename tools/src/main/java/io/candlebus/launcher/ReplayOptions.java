package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The replay command's options.
 *
 * @param klines the kline file in Binance's public data-dump CSV layout (1m rows), or null with parquet
 * @param parquet a dataset the recorder wrote (its 1m candles of {@code instrument} are replayed), or null
 * @param out the directory the CSV files are written to
 * @param intervals the intervals written, in the order given
 * @param period the Bollinger period
 * @param k the Bollinger width in population standard deviations
 * @param fast the fast SMA of the cross rule
 * @param slow the slow SMA of the cross rule
 * @param cooldown candles after a signal that raise none (0: every cross is listed)
 * @param instrument the instrument the rows belong to (only names the stream; not written)
 * @param help whether only the usage was asked for
 */
record ReplayOptions(
        Path klines,
        Path parquet,
        Path out,
        List<Interval> intervals,
        int period,
        double k,
        int fast,
        int slow,
        int cooldown,
        Instrument instrument,
        boolean help) {

    ReplayOptions {
        intervals = List.copyOf(intervals);
    }

    static String usage() {
        return "Usage: java -jar candlebus.jar replay (--klines FILE | --parquet DIR) --out DIR [options]\n\n"
                + "Runs the live aggregation, Bollinger bands and signal rules over a file of 1m klines in Binance's\n"
                + "public data-dump CSV layout (12 columns, header line optional, open times in ms or us) and writes\n"
                + "DIR/candles_<interval>.csv, DIR/bands_<interval>.csv and DIR/signals.csv.\n\n"
                + String.format("  %-20s %s%n", "--klines FILE", "the kline CSV file")
                + String.format(
                        "  %-20s %s%n", "--parquet DIR", "or a recorded dataset (its 1m candles of --instrument)")
                + String.format("  %-20s %s%n", "--out DIR", "the output directory, created if missing (required)")
                + String.format("  %-20s %s%n", "--intervals A,B", "intervals written (default 1m,5m,15m)")
                + String.format("  %-20s %s%n", "--bands P,K", "Bollinger period and width (default 20,2)")
                + String.format("  %-20s %s%n", "--sma F,S", "fast and slow SMA of the cross rule (default 5,20)")
                + String.format("  %-20s %s%n", "--cooldown N", "candles after a signal that raise none (default 0)")
                + String.format("  %-20s %s%n", "--instrument KEY", "names the stream (default binance:spot:BTCUSDT)")
                + "\nExit codes: 0 done, 2 bad options or bad input (the message names the line), 1 I/O failure.\n";
    }

    /** Parses the command line; throws {@link ConfigException} naming the option for a bad value. */
    static ReplayOptions parse(List<String> args) {
        Path klines = null;
        Path parquet = null;
        Path out = null;
        List<Interval> intervals = List.of(Interval.M1, Interval.M5, Interval.M15);
        int period = 20;
        double k = 2;
        int fast = 5;
        int slow = 20;
        int cooldown = 0;
        Instrument instrument = Instrument.parse("binance:spot:BTCUSDT");
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--help") || flag.equals("-h")) {
                return new ReplayOptions(
                        null, null, null, intervals, period, k, fast, slow, cooldown, instrument, true);
            }
            if (i + 1 >= args.size()) {
                throw new ConfigException(flag, "a value after it", "nothing");
            }
            String value = args.get(++i);
            switch (flag) {
                case "--klines" -> klines = Path.of(value);
                case "--parquet" -> parquet = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--intervals" -> intervals = intervals(value);
                case "--bands" -> {
                    String[] pk = pair(flag, value, "period,k such as 20,2");
                    period = integer(flag, pk[0], 2, 10_000, "period,k with period 2..10000");
                    k = width(flag, pk[1]);
                }
                case "--sma" -> {
                    String[] fs = pair(flag, value, "fast,slow such as 5,20");
                    fast = integer(flag, fs[0], 1, 9_999, "fast,slow with 1 <= fast < slow <= 10000");
                    slow = integer(flag, fs[1], fast + 1, 10_000, "fast,slow with 1 <= fast < slow <= 10000");
                }
                case "--cooldown" -> cooldown = integer(flag, value, 0, 1_000_000, "an integer from 0 to 1000000");
                case "--instrument" -> instrument = instrument(value);
                default -> throw new ConfigException(
                        "replay",
                        "one of --klines, --parquet, --out, --intervals, --bands, --sma, --cooldown, --instrument",
                        flag);
            }
        }
        if ((klines == null) == (parquet == null)) {
            throw new ConfigException("--klines/--parquet", "exactly one input", klines == null ? "neither" : "both");
        }
        if (out == null) {
            throw new ConfigException("--out", "an output directory", "absent");
        }
        return new ReplayOptions(klines, parquet, out, intervals, period, k, fast, slow, cooldown, instrument, false);
    }

    private static List<Interval> intervals(String value) {
        List<Interval> list = new ArrayList<>();
        for (String code : value.split(",", -1)) {
            Interval interval;
            try {
                interval = Interval.parse(code.trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--intervals", "intervals of at least 1m such as 1m,5m,15m", value);
            }
            if (interval.millis() < Interval.M1.millis()) {
                throw new ConfigException("--intervals", "intervals of at least 1m such as 1m,5m,15m", value);
            }
            if (list.contains(interval)) {
                throw new ConfigException("--intervals", "each interval at most once", value);
            }
            list.add(interval);
        }
        return list;
    }

    private static String[] pair(String flag, String value, String expected) {
        String[] parts = value.split(",", -1);
        if (parts.length != 2) {
            throw new ConfigException(flag, expected, value);
        }
        return parts;
    }

    private static int integer(String flag, String text, int min, int max, String expected) {
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with what was expected
        }
        throw new ConfigException(flag, expected, text);
    }

    private static double width(String flag, String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isFinite(v) && v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with what was expected
        }
        throw new ConfigException(flag, "period,k with k a finite number >= 0", text);
    }

    private static Instrument instrument(String value) {
        try {
            return Instrument.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--instrument", "exchange:market:SYMBOL such as binance:spot:BTCUSDT", value);
        }
    }
}
