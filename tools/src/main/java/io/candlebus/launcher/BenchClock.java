package io.candlebus.launcher;

/**
 * The bench's clock: the venue time of the messages the feeds handle (and stepped forward before the stream starts).
 * A node's clock stays close to the trade times it reads; the bench replays a day of trade time in seconds, so a wall
 * clock would make every candle late or every trade early.
 *
 * <p>Each feed part has a clock of its own ({@link #part}), moved only by that part's event loop with the trade time of
 * the batch it is about to handle: parts on different loops run at their own pace, and one running ahead must not make
 * a lagging part's connection look silent for minutes. The node's clock (this one, for the candle shards and the
 * strategy) is the latest of the parts'.
 */
final class BenchClock extends UtcClock {
    private final Part[] parts;

    BenchClock(long start, int parts) {
        this.parts = new Part[parts];
        for (int p = 0; p < parts; p++) {
            this.parts[p] = new Part(start);
        }
    }

    /** Sets every part's clock (before the stream, from the driver). */
    void set(long millis) {
        for (Part p : parts) {
            p.now = millis;
        }
    }

    /** Returns the clock of feed part {@code part}. */
    Part part(int part) {
        return parts[part];
    }

    @Override
    public long millis() {
        long latest = Long.MIN_VALUE;
        for (Part p : parts) {
            latest = Math.max(latest, p.now);
        }
        return latest;
    }

    /** The clock of one feed part, moved by that part's event loop only. */
    static final class Part extends UtcClock {
        private volatile long now;

        private Part(long start) {
            this.now = start;
        }

        /** Moves the clock to {@code millis} unless it is there or past it. */
        void advance(long millis) {
            if (millis > now) {
                now = millis;
            }
        }

        @Override
        public long millis() {
            return now;
        }
    }
}
