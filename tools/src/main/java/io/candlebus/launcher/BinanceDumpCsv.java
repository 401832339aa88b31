package io.candlebus.launcher;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads 1m klines in Binance's public data-dump CSV layout (data.binance.vision): 12 columns, open
 * time, open, high, low, close, volume, close time, quote volume, trade count, taker-buy base and quote
 * volume, ignore; with or without a header line. Since 2025 spot dumps give the two times in
 * microseconds: a time of 10^14 or more (year 5138 in milliseconds) is taken as microseconds and
 * converted to milliseconds. Decimals keep the file's text exactly.
 */
final class BinanceDumpCsv {
    private static final long MICROS_FROM = 100_000_000_000_000L;
    private static final int COLUMNS = 12;

    private BinanceDumpCsv() {}

    /** Reads {@code file} and hands every row, as a closed REST 1m candle, to {@code sink} in file order. */
    static long read(Path file, Instrument instrument, Consumer<Candle> sink) throws IOException, BadDumpException {
        String name = file.toString();
        long line = 0;
        long rows = 0;
        long lastOpen = Long.MIN_VALUE;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                if (line == 1 && isHeader(text)) {
                    continue;
                }
                Candle candle = parse(text, instrument, name, line);
                if (candle.openTime() <= lastOpen) {
                    throw new BadDumpException(
                            name,
                            line,
                            "open_time: expected a time after the previous row's " + lastOpen + ", was "
                                    + candle.openTime());
                }
                lastOpen = candle.openTime();
                sink.accept(candle);
                rows++;
            }
        }
        return rows;
    }

    private static boolean isHeader(String text) {
        String first = text.split(",", 2)[0].trim();
        return !first.isEmpty() && !Character.isDigit(first.charAt(0));
    }

    static Candle parse(String text, Instrument instrument, String file, long line) throws BadDumpException {
        String[] f = text.split(",", -1);
        if (f.length != COLUMNS) {
            throw new BadDumpException(
                    file,
                    line,
                    "expected " + COLUMNS + " comma-separated columns, was " + f.length + ": '" + text + "'");
        }
        long openTime = millis(time(f[0], "open_time", file, line));
        long closeTime = millis(time(f[6], "close_time", file, line));
        if (closeTime - openTime != Interval.M1.millis() - 1 || !Interval.M1.isAligned(openTime)) {
            throw new BadDumpException(
                    file,
                    line,
                    "open_time, close_time: expected a 1m kline (close = open + 59999 ms, open on a minute), was "
                            + f[0].trim() + ", " + f[6].trim());
        }
        try {
            return new Candle(
                    instrument,
                    Interval.M1,
                    openTime,
                    decimal(f[1], "open", file, line),
                    decimal(f[2], "high", file, line),
                    decimal(f[3], "low", file, line),
                    decimal(f[4], "close", file, line),
                    decimal(f[5], "volume", file, line),
                    decimal(f[7], "quote_volume", file, line),
                    count(f[8], file, line),
                    decimal(f[9], "taker_buy_base_asset_volume", file, line),
                    decimal(f[10], "taker_buy_quote_asset_volume", file, line),
                    true,
                    CandleSource.REST);
        } catch (IllegalArgumentException e) {
            throw new BadDumpException(file, line, e.getMessage());
        }
    }

    private static long millis(long time) {
        return time >= MICROS_FROM ? Math.floorDiv(time, 1000) : time;
    }

    private static long time(String text, String column, String file, long line) throws BadDumpException {
        try {
            long v = Long.parseLong(text.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with what was expected
        }
        throw new BadDumpException(
                file, line, column + ": expected epoch milliseconds or microseconds, was '" + text + "'");
    }

    private static long count(String text, String file, long line) throws BadDumpException {
        try {
            long v = Long.parseLong(text.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with what was expected
        }
        throw new BadDumpException(file, line, "count: expected an integer >= 0, was '" + text + "'");
    }

    private static BigDecimal decimal(String text, String column, String file, long line) throws BadDumpException {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new BadDumpException(file, line, column + ": expected a decimal number, was '" + text + "'");
        }
    }
}
