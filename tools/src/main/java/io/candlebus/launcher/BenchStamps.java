package io.candlebus.launcher;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bench's instrumentation shared by the driver and its two verticles: the injection time of every
 * message in flight, carried beside the bus messages in rings indexed by their order, and the count
 * of messages fully handled. The bus delivers in order and its hand-off orders the writes before the
 * reads; the driver keeps fewer than {@link #RING} messages in flight, so no slot is reused early.
 */
final class BenchStamps {
    static final int RING = 1 << 17;
    private static final int MASK = RING - 1;

    private final long[] trades = new long[RING];
    private final long[] lives = new long[RING];
    private final AtomicLong done = new AtomicLong();

    void trade(long seq, long stamp) {
        trades[(int) (seq & MASK)] = stamp;
    }

    long trade(long seq) {
        return trades[(int) (seq & MASK)];
    }

    void live(long seq, long stamp) {
        lives[(int) (seq & MASK)] = stamp;
    }

    long live(long seq) {
        return lives[(int) (seq & MASK)];
    }

    /** Counts one message as fully handled (its band computed, or nothing more to do for it). */
    void done() {
        done.incrementAndGet();
    }

    long doneCount() {
        return done.get();
    }
}
