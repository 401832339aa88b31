package io.candlebus.launcher;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.market.Backoff;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.candle.RecorderOutbox;
import io.candlebus.recorder.RecorderConfig;
import io.candlebus.recorder.RecorderVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bench --recorder}: pushes closed 1m candles of many streams through the market's real
 * {@link RecorderOutbox} (owner routing, batches on the event bus, acknowledgement) into the real
 * {@link RecorderVerticle} (buffer, Parquet writer, rename) with the node's recorder settings, keeping a bounded
 * window of unacknowledged candles. Candles go minute by minute across all streams, as live. The time runs from
 * the first offer to the last acknowledgement; files and bytes are what the dataset holds afterwards.
 */
final class RecorderBench {
    /** First open time: 2026-01-01T00:00Z. */
    static final long START = 1_767_225_600_000L;

    /**
     * The measured line's figures; {@code cpuSeconds} is the whole process's CPU time (user and system, every
     * thread: bench, bus, recorder, JIT, GC) over the measured time, -1 when the JVM cannot tell.
     */
    record Result(long rows, double seconds, long files, long bytes, long resent, double cpuSeconds) {
        /** Returns the CPU figures: less noisy than the rate on a shared machine. */
        String cpuText() {
            if (cpuSeconds < 0) {
                return "cpu_s=unknown";
            }
            return String.format(
                    java.util.Locale.ROOT, "cpu_s=%.2f cpu_us_per_row=%.3f", cpuSeconds, cpuSeconds * 1e6 / rows);
        }

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

    static Result run(long rows, int streams, int window, int batch, RecorderConfig config) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Codecs.registerAll(vertx.eventBus());
            vertx.deployVerticle(
                            new RecorderVerticle(config, Clock.systemUTC(), "bench"),
                            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
                    .await(60, TimeUnit.SECONDS);
            Context context = vertx.getOrCreateContext();
            Pump pump = new Pump(vertx, rows, streams);
            Promise<RecorderOutbox> created = Promise.promise();
            context.runOnContext(v -> created.complete(new RecorderOutbox(
                    vertx,
                    MarketConfig.defaults().recorderTimeoutMillis(),
                    window + batch,
                    new Backoff(5, 100),
                    null,
                    new RecorderOutbox.Batching(batch, 5, window))));
            RecorderOutbox outbox = created.future().await(10, TimeUnit.SECONDS);
            // The recorder announces itself every second; the outbox routes only to recorders it has heard of.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (onContext(context, () -> outbox.counters().get("recordersLive")) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("bench: expected the recorder announced within 10 s, was not");
                }
                Thread.sleep(10);
            }
            long startCpu = processCpuNanos();
            long start = System.nanoTime();
            context.runOnContext(v -> pump.fill(outbox, window));
            pump.done.future().await(1, TimeUnit.DAYS);
            double seconds = (System.nanoTime() - start) / 1e9;
            long endCpu = processCpuNanos();
            double cpuSeconds = startCpu < 0 || endCpu < 0 ? -1 : (endCpu - startCpu) / 1e9;
            long resent = onContext(context, () -> outbox.counters().get("recorderRetries"));
            long[] size = size(config.dataDir());
            return new Result(rows, seconds, size[0], size[1], resent, cpuSeconds);
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }

    private static <T> T onContext(Context context, java.util.function.Supplier<T> action) throws Exception {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> result.complete(action.get()));
        return result.future().await(10, TimeUnit.SECONDS);
    }

    /** Returns the process's CPU time in nanoseconds, or -1 when the platform's bean does not say. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
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

    /** Offers candles while fewer than the window are unacknowledged; runs on the outbox's context. */
    private static final class Pump {
        private final Vertx vertx;
        private final long rows;
        private final Instrument[] instruments;
        private final BigDecimal[] prices = new BigDecimal[16];
        final Promise<Void> done = Promise.promise();
        private long next;

        Pump(Vertx vertx, long rows, int streams) {
            this.vertx = vertx;
            this.rows = rows;
            this.instruments = new Instrument[streams];
            for (int s = 0; s < streams; s++) {
                instruments[s] = Instrument.parse("binance:spot:BENCH" + s + "USDT");
            }
            for (int p = 0; p < prices.length; p++) {
                prices[p] = BigDecimal.valueOf(87_000 + p, 2);
            }
        }

        void fill(RecorderOutbox outbox, int window) {
            while (next < rows && outbox.pending() < window) {
                outbox.offer(candle(next++));
            }
            if (next == rows && outbox.pending() == 0) {
                done.complete();
                return;
            }
            // The outbox has no acknowledgement callback: look again soon, as a market's next candles would come.
            vertx.setTimer(1, id -> fill(outbox, window));
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
