package io.candlebus.launcher;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.recorder.RecorderConfig;
import io.candlebus.recorder.RecorderVerticle;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bench --recorder}: pushes closed 1m candles of many streams through the real {@link RecorderVerticle}
 * (event bus request, buffer, Parquet writer, rename, acknowledgement) with the node's recorder settings,
 * the way the market's outbox does: a bounded window of unacknowledged candles, refused ones sent again.
 * Candles go minute by minute across all streams, as live. The time runs from the first send to the last
 * acknowledgement; files and bytes are what the dataset holds afterwards.
 */
final class RecorderBench {
    /** First open time: 2026-01-01T00:00Z. */
    static final long START = 1_767_225_600_000L;

    /** The measured line's figures. */
    record Result(long rows, double seconds, long files, long bytes, long resent) {
        String line() {
            return String.format(
                    java.util.Locale.ROOT,
                    "rows=%d rows_per_s=%.0f files=%d bytes=%d",
                    rows,
                    rows / Math.max(1e-9, seconds),
                    files,
                    bytes);
        }
    }

    private RecorderBench() {}

    static Result run(long rows, int streams, int window, RecorderConfig config) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Codecs.registerAll(vertx.eventBus());
            vertx.deployVerticle(new RecorderVerticle(config, Clock.systemUTC(), "bench"))
                    .await(60, TimeUnit.SECONDS);
            Pump pump = new Pump(vertx, rows, streams, window);
            long start = System.nanoTime();
            vertx.runOnContext(v -> pump.fill());
            pump.done.future().await(1, TimeUnit.DAYS);
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] size = size(config.dataDir());
            return new Result(rows, seconds, size[0], size[1], pump.resent);
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }

    private static long[] size(Path data) throws IOException {
        long files = 0;
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path p : walk.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .toList()) {
                files++;
                bytes += Files.size(p);
            }
        }
        return new long[] {files, bytes};
    }

    /** Keeps {@code window} candles unacknowledged; runs on one event-loop context. */
    private static final class Pump {
        private final Vertx vertx;
        private final long rows;
        private final int window;
        private final Instrument[] instruments;
        private final BigDecimal[] prices = new BigDecimal[16];
        private final ArrayDeque<Candle> refused = new ArrayDeque<>();
        final Promise<Void> done = Promise.promise();
        private long next;
        private long acked;
        private int inFlight;
        private long resent;
        private boolean retryScheduled;

        Pump(Vertx vertx, long rows, int streams, int window) {
            this.vertx = vertx;
            this.rows = rows;
            this.window = window;
            this.instruments = new Instrument[streams];
            for (int s = 0; s < streams; s++) {
                instruments[s] = Instrument.parse("binance:spot:BENCH" + s + "USDT");
            }
            for (int p = 0; p < prices.length; p++) {
                prices[p] = BigDecimal.valueOf(87_000 + p, 2);
            }
        }

        void fill() {
            while (inFlight < window && (!refused.isEmpty() || next < rows)) {
                Candle c = refused.isEmpty() ? candle(next++) : refused.poll();
                inFlight++;
                vertx.eventBus().request(Addresses.RECORDER_CANDLES, c).onComplete(ar -> {
                    inFlight--;
                    if (ar.succeeded()) {
                        if (++acked == rows) {
                            done.complete();
                        }
                        fill();
                    } else {
                        // The recorder is writing with a full second buffer: it asks for the candle again.
                        resent++;
                        refused.add(c);
                        if (!retryScheduled) {
                            retryScheduled = true;
                            vertx.setTimer(5, id -> {
                                retryScheduled = false;
                                fill();
                            });
                        }
                    }
                });
            }
        }

        /** The {@code n}th candle: stream {@code n % streams}, minute {@code n / streams}. */
        private Candle candle(long n) {
            int stream = (int) (n % instruments.length);
            long minute = n / instruments.length;
            BigDecimal price = prices[(int) (minute % prices.length)];
            return new Candle(
                    instruments[stream],
                    Interval.M1,
                    START + minute * 60_000L,
                    price,
                    price,
                    price,
                    price,
                    BigDecimal.ONE,
                    price,
                    1,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    true,
                    CandleSource.REST);
        }
    }
}
