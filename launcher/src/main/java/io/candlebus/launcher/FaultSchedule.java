package io.candlebus.launcher;

import io.candlebus.contract.Market;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Plans a soak's faults from a seed: {@code count} faults at random sim times within a window, each kind
 * at least once when there are at least as many faults as kinds, with bounded random durations (a
 * stall lasts from the given minimum, which must exceed the feeds' stall timeout, to two minutes more)
 * and a random Binance market for the REST faults. The same seed and arguments give the same plan.
 */
final class FaultSchedule {
    /** How much longer than the minimum a stall may last. */
    static final long STALL_SPREAD_MILLIS = 2 * 60_000L;

    private static final List<Market> BINANCE_MARKETS = List.of(Market.SPOT, Market.USDM, Market.COINM);

    private FaultSchedule() {}

    /**
     * One planned fault.
     *
     * @param atMillis sim time after the soak's start at which it fires
     * @param kind what it does
     * @param durationMillis how long it lasts in sim time (for a shutdown, the grace period; for a lifetime cut,
     *     the shortened lifetime), 0 for instantaneous faults
     * @param market the Binance market of a 429 or 418, else null
     */
    record Fault(long atMillis, FaultKind kind, long durationMillis, Market market) {}

    /** Plans {@code count} faults in [{@code fromMillis}, {@code toMillis}) after the start. */
    static List<Fault> plan(long seed, int count, long fromMillis, long toMillis, long minStallMillis) {
        if (count < 0) {
            throw new IllegalArgumentException("faults: expected a count >= 0, was " + count);
        }
        if (toMillis <= fromMillis) {
            throw new IllegalArgumentException(
                    "fault window: expected from < to, was " + fromMillis + " >= " + toMillis);
        }
        Random random = new Random(seed);
        List<FaultKind> kinds = new ArrayList<>(count);
        FaultKind[] all = FaultKind.values();
        for (int i = 0; i < count; i++) {
            kinds.add(i < all.length ? all[i] : all[random.nextInt(all.length)]);
        }
        // Shuffled so that the guaranteed one of each kind lands anywhere in the window.
        Collections.shuffle(kinds, random);
        List<Long> times = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            times.add(fromMillis + (long) (random.nextDouble() * (toMillis - fromMillis)));
        }
        times.sort(Comparator.naturalOrder());
        List<Fault> plan = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            FaultKind kind = kinds.get(i);
            plan.add(new Fault(times.get(i), kind, duration(kind, random, minStallMillis), market(kind, random)));
        }
        return List.copyOf(plan);
    }

    private static long duration(FaultKind kind, Random random, long minStallMillis) {
        if (kind == FaultKind.STALL) {
            return minStallMillis + (long) (random.nextDouble() * STALL_SPREAD_MILLIS);
        }
        return kind.minMillis() + (long) (random.nextDouble() * (kind.maxMillis() - kind.minMillis()));
    }

    private static Market market(FaultKind kind, Random random) {
        return kind == FaultKind.WEIGHT_LIMIT || kind == FaultKind.BAN
                ? BINANCE_MARKETS.get(random.nextInt(BINANCE_MARKETS.size()))
                : null;
    }
}
