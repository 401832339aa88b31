package io.candlebus.launcher;

import com.sun.management.OperatingSystemMXBean;
import io.candlebus.contract.codec.Codecs;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the bench: one Vert.x with the market and strategy verticles, and this thread standing in for
 * the websocket, handing raw messages to the market verticle's event loop flat out (in batches, at
 * most {@link #WINDOW} in flight) or paced at a rate (each message stamped with its due time, so a
 * stall shows as latency rather than slowing the stream).
 */
final class BenchRun {
    static final int WINDOW = 32_768;
    private static final int BATCH = 64;
    private static final long STALL_NANOS = 30_000_000_000L;

    private BenchRun() {}

    static BenchResult run(byte[][] messages, double rate) throws TimeoutException {
        Vertx vertx = Vertx.vertx();
        try {
            Codecs.registerAll(vertx.eventBus());
            BenchStamps stamps = new BenchStamps();
            BenchMarketVerticle market = new BenchMarketVerticle(stamps);
            BenchStrategyVerticle strategy = new BenchStrategyVerticle(stamps, Clock.systemUTC());
            vertx.deployVerticle(strategy).await();
            vertx.deployVerticle(market).await();
            Context context = market.context();
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            if (rate > 0) {
                paced(messages, rate, start, context, market, stamps);
            } else {
                flatOut(messages, context, market, stamps);
            }
            awaitDone(stamps, messages.length);
            long elapsed = System.nanoTime() - start;
            long cpu = processCpuNanos() - cpuStart;
            return new BenchResult(
                    messages.length,
                    elapsed,
                    cpu,
                    strategy.latency(),
                    strategy.liveBands(),
                    strategy.closedBands(),
                    market.badInput());
        } finally {
            vertx.close().await();
        }
    }

    /**
     * Returns the CPU time of the whole process (every thread: event loops, the driver, GC, JIT), or -1
     * where the JVM does not tell. On a shared machine it is steadier than wall time: other programs'
     * load stretches the wall clock, much less the CPU a message costs.
     */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    private static void flatOut(byte[][] messages, Context context, BenchMarketVerticle market, BenchStamps stamps)
            throws TimeoutException {
        int n = messages.length;
        for (int i = 0; i < n; ) {
            awaitWindow(stamps, i);
            int count = Math.min(BATCH, n - i);
            byte[][] batch = frames(messages, i, count);
            long[] injected = new long[count];
            Arrays.fill(injected, System.nanoTime());
            context.runOnContext(v -> market.onRaw(batch, injected));
            i += count;
        }
    }

    private static void paced(
            byte[][] messages, double rate, long start, Context context, BenchMarketVerticle market, BenchStamps stamps)
            throws TimeoutException {
        int n = messages.length;
        double period = 1e9 / rate;
        for (int i = 0; i < n; ) {
            long now = System.nanoTime();
            int count = 0;
            while (i + count < n && count < BATCH && start + (long) ((i + count) * period) <= now) {
                count++;
            }
            if (count == 0) {
                LockSupport.parkNanos(Math.min(20_000, start + (long) (i * period) - now));
                continue;
            }
            awaitWindow(stamps, i);
            byte[][] batch = frames(messages, i, count);
            long[] due = new long[count];
            for (int j = 0; j < count; j++) {
                due[j] = start + (long) ((i + j) * period);
            }
            context.runOnContext(v -> market.onRaw(batch, due));
            i += count;
        }
    }

    /** Copies {@code count} messages from {@code from}: each a fresh byte[], as a websocket frame is. */
    private static byte[][] frames(byte[][] messages, int from, int count) {
        byte[][] batch = new byte[count][];
        for (int j = 0; j < count; j++) {
            batch[j] = messages[from + j].clone();
        }
        return batch;
    }

    private static void awaitWindow(BenchStamps stamps, long injected) throws TimeoutException {
        waitFor(stamps, injected - WINDOW + BATCH, 10_000);
    }

    private static void awaitDone(BenchStamps stamps, long n) throws TimeoutException {
        waitFor(stamps, n, 50_000);
    }

    private static void waitFor(BenchStamps stamps, long target, long parkNanos) throws TimeoutException {
        long last = stamps.doneCount();
        long progressAt = System.nanoTime();
        while (last < target) {
            LockSupport.parkNanos(parkNanos);
            long now = stamps.doneCount();
            if (now != last) {
                last = now;
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > STALL_NANOS) {
                throw new TimeoutException("bench: expected every message handled, was " + last + " of " + target
                        + " with no progress for 30 s");
            }
        }
    }
}
