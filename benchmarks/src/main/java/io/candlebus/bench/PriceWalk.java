package io.candlebus.bench;

import java.util.Random;

/** Generates reproducible random walks of prices on a tick grid, the inputs every benchmark cycles through. */
final class PriceWalk {
    private PriceWalk() {}

    /** Returns {@code n} prices in whole ticks, starting at {@code startTicks} and moving up to {@code maxTicks}. */
    static long[] ticks(long seed, int n, long startTicks, int maxTicks) {
        Random random = new Random(seed);
        long[] out = new long[n];
        long ticks = startTicks;
        for (int i = 0; i < n; i++) {
            ticks += random.nextInt(2 * maxTicks + 1) - maxTicks;
            out[i] = ticks;
        }
        return out;
    }

    /** Returns a walk of KRW prices near 1.3e8 on a 1000 KRW grid, as doubles (all exact). */
    static double[] krw(long seed, int n) {
        long[] ticks = ticks(seed, n, 130_000, 20);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = ticks[i] * 1000.0;
        }
        return out;
    }
}
