package io.candlebus.recorder;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;

/**
 * Reads candles back from a dataset the recorder wrote
 * ({@code DIR/candles/exchange=…/market=…/symbol=…/interval=…/date=…/part-….parquet}): the 1m candles of
 * one instrument oldest first, each open time once (replay), or every row of one stream as stored (the
 * soak's dataset check).
 */
public final class ParquetCandles {
    private ParquetCandles() {}

    /** Hands every 1m candle of {@code instrument} under {@code dataDir} to {@code sink}; returns the count. */
    public static long read(Path dataDir, Instrument instrument, Consumer<Candle> sink) throws IOException {
        Path stream = streamDir(dataDir, instrument, Interval.M1);
        if (!Files.isDirectory(stream)) {
            throw new IOException("--parquet: expected a recorded dataset with " + stream + ", was absent");
        }
        // Files of several flushes and recorders interleave in time: order by open time, keep one per key.
        TreeMap<Long, Candle> candles = new TreeMap<>();
        for (Path file : partFiles(stream)) {
            readFile(file, instrument, Interval.M1, c -> candles.putIfAbsent(c.openTime(), c));
        }
        candles.values().forEach(sink);
        return candles.size();
    }

    /**
     * Hands every row of every part file of one stream under {@code dataDir} to {@code sink} as stored, file
     * by file, repeated keys included (nothing, if the stream has no folder); returns the row count.
     */
    public static long readRows(Path dataDir, Instrument instrument, Interval interval, Consumer<Candle> sink)
            throws IOException {
        Path stream = streamDir(dataDir, instrument, interval);
        if (!Files.isDirectory(stream)) {
            return 0;
        }
        long[] rows = {0};
        for (Path file : partFiles(stream)) {
            readFile(file, instrument, interval, c -> {
                rows[0]++;
                sink.accept(c);
            });
        }
        return rows[0];
    }

    private static Path streamDir(Path dataDir, Instrument instrument, Interval interval) {
        Path root = Files.isDirectory(dataDir.resolve("candles")) ? dataDir.resolve("candles") : dataDir;
        return root.resolve("exchange=" + instrument.exchange().wireName())
                .resolve("market=" + instrument.market().wireName())
                .resolve("symbol=" + instrument.symbol())
                .resolve("interval=" + interval.code());
    }

    /** Returns the complete part files under {@code stream}; hidden ones are still being written. */
    private static List<Path> partFiles(Path stream) throws IOException {
        try (Stream<Path> walk = Files.walk(stream)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    private static void readFile(Path file, Instrument instrument, Interval interval, Consumer<Candle> sink)
            throws IOException {
        readGroups(file, g -> sink.accept(CandleParquetReader.candle(g, instrument, interval, CandleSource.REST)));
    }

    /** Hands the open time of every row of one part file to {@code sink}, in file order (the dataset check). */
    public static void readOpenTimes(Path file, java.util.function.LongConsumer sink) throws IOException {
        readGroups(file, g -> sink.accept(g.getLong("candle_begin_time", 0)));
    }

    private static void readGroups(Path file, Consumer<Group> sink) throws IOException {
        PartFileReader.forEachRow(file, sink);
    }
}
