package io.candlebus.sim.faults;

import io.candlebus.contract.Market;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Plans faults from a seed: {@code count} faults at random sim times within a window, each
 * {@link FaultKind} at least once when there are at least as many faults as kinds, with bounded random
 * durations (a stall lasts from the given minimum, which must exceed the clients' stall timeout, to two
 * minutes more), a random Binance market for the REST faults, and the {@link BadInput} kinds taken in
 * turn (in a seeded order) by the bad-input faults, so that enough of them cover every kind. The same seed
 * and arguments give the same plan.
 */
public final class FaultSchedule {
    /** How much longer than the minimum a stall may last. */
    public static final long STALL_SPREAD_MILLIS = 2 * 60_000L;

    /** The bad-input kinds a {@link FaultKind#BAD_INPUT} fault sends: the others have fault kinds of their own. */
    public static final List<BadInput> BAD_INPUTS = Arrays.stream(BadInput.values())
            .filter(b -> b != BadInput.MALFORMED_JSON && b != BadInput.OVERSIZED)
            .toList();

    private static final List<Market> BINANCE_MARKETS = List.of(Market.SPOT, Market.USDM, Market.COINM);

    private FaultSchedule() {}

    /** Plans {@code count} faults in [{@code fromMillis}, {@code toMillis}) after the start. */
    public static List<PlannedFault> plan(long seed, int count, long fromMillis, long toMillis, long minStallMillis) {
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
        List<BadInput> badInputs = new ArrayList<>(BAD_INPUTS);
        Collections.shuffle(badInputs, random);
        int nextBadInput = 0;
        List<PlannedFault> plan = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            FaultKind kind = kinds.get(i);
            BadInput badInput = null;
            if (kind == FaultKind.BAD_INPUT) {
                badInput = badInputs.get(nextBadInput++ % badInputs.size());
            }
            plan.add(new PlannedFault(
                    times.get(i), kind, duration(kind, random, minStallMillis), market(kind, random), badInput));
        }
        return List.copyOf(plan);
    }

    /**
     * Plans {@code count} order faults in [{@code fromMillis}, {@code toMillis}) after the start, each {@link
     * OrderFaultKind} at least once when there are at least as many faults as kinds, shuffled over the window,
     * with random {@link OrderFaultKind#NOT_FOUND} durations within its bounds. The same seed and arguments
     * give the same plan; the seed's market-data plan ({@link #plan}) does not change with it.
     */
    public static List<PlannedOrderFault> planOrders(long seed, int count, long fromMillis, long toMillis) {
        if (count < 0) {
            throw new IllegalArgumentException("order faults: expected a count >= 0, was " + count);
        }
        if (toMillis <= fromMillis) {
            throw new IllegalArgumentException(
                    "order fault window: expected from < to, was " + fromMillis + " >= " + toMillis);
        }
        // A stream of its own, so that adding order faults leaves a seed's market-data faults as they were.
        Random random = new Random(seed ^ 0x6f72646572L);
        OrderFaultKind[] all = OrderFaultKind.values();
        List<OrderFaultKind> kinds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            kinds.add(i < all.length ? all[i] : all[random.nextInt(all.length)]);
        }
        Collections.shuffle(kinds, random);
        List<Long> times = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            times.add(fromMillis + (long) (random.nextDouble() * (toMillis - fromMillis)));
        }
        times.sort(Comparator.naturalOrder());
        List<PlannedOrderFault> plan = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            OrderFaultKind kind = kinds.get(i);
            long duration = kind.minMillis() + (long) (random.nextDouble() * (kind.maxMillis() - kind.minMillis()));
            plan.add(new PlannedOrderFault(times.get(i), kind, duration));
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
