package io.candlebus.recorder;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a batch of candles by partition, keeping their order within each and the partitions in the order they
 * first appear. Runs once per candle written, so it builds no partition per candle (a {@link PartitionPath} and
 * its date cost a fifth of a write lane's CPU): candles are looked up by instrument, then matched on interval and
 * UTC day among the few partitions of that instrument in the batch. Not thread-safe.
 */
final class PartitionGroups {
    private static final long DAY_MILLIS = 86_400_000L;

    /** One partition's candles. */
    private static final class Group {
        final Interval interval;
        final long epochDay;
        final List<Candle> candles = new ArrayList<>();

        Group(Interval interval, long epochDay) {
            this.interval = interval;
            this.epochDay = epochDay;
        }
    }

    private final Map<Instrument, List<Group>> byInstrument = new HashMap<>();
    private final List<Group> order = new ArrayList<>();
    private final List<Instrument> instruments = new ArrayList<>();

    /** Returns {@code candles} by partition, in the order each partition first appears. */
    static Map<PartitionPath, List<Candle>> of(List<Candle> candles) {
        PartitionGroups groups = new PartitionGroups();
        for (Candle c : candles) {
            groups.add(c);
        }
        return groups.result();
    }

    private void add(Candle c) {
        List<Group> groups = byInstrument.get(c.instrument());
        if (groups == null) {
            groups = new ArrayList<>(2);
            byInstrument.put(c.instrument(), groups);
        }
        long day = Math.floorDiv(c.openTime(), DAY_MILLIS);
        for (int i = groups.size() - 1; i >= 0; i--) {
            Group g = groups.get(i);
            if (g.epochDay == day && g.interval == c.interval()) {
                g.candles.add(c);
                return;
            }
        }
        Group g = new Group(c.interval(), day);
        g.candles.add(c);
        groups.add(g);
        order.add(g);
        instruments.add(c.instrument());
    }

    private Map<PartitionPath, List<Candle>> result() {
        Map<PartitionPath, List<Candle>> out = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            Group g = order.get(i);
            out.put(new PartitionPath(instruments.get(i), g.interval, LocalDate.ofEpochDay(g.epochDay)), g.candles);
        }
        return out;
    }
}
