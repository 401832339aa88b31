package io.candlebus.launcher;

import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.faults.FaultKind;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Prints what a soak found: the faults fired (and which bad input), the feeds' recovery and bad-input
 * counters, per stream the published and recorded tallies with examples, and last the one line {@code streams=N candles=N faults=N lost=N
 * duplicated=N mismatched=N} (lost and duplicated counting the bus and the dataset, mismatched counting wrong
 * values and recorded candles never published).
 */
final class SoakReport {
    private static final List<String> COUNTERS = List.of(
            "reconnects", "stalls", "gapsFilled", "restFailures", "recorderDropped", "lateTrades", "discardedInDoubt");

    private SoakReport() {}

    /** Prints the report; returns the exit code, 0 only if nothing was lost, duplicated or mismatched. */
    static int print(
            PrintStream out,
            Map<SoakStream, StreamTally> bus,
            Map<SoakStream, StreamTally> disk,
            Map<FaultKind, Long> fired,
            Map<BadInput, Long> badInputs,
            Map<String, Map<String, Long>> counters) {
        out.println("soak: faults fired "
                + fired.entrySet().stream()
                        .map(e -> e.getKey().label() + "=" + e.getValue())
                        .collect(Collectors.joining(" ")));
        if (!badInputs.isEmpty()) {
            out.println("soak: bad input sent "
                    + badInputs.entrySet().stream()
                            .map(e -> e.getKey().label() + "=" + e.getValue())
                            .collect(Collectors.joining(" ")));
        }
        counters.forEach((component, values) -> {
            if (component.startsWith("market.")) {
                out.println("soak: " + component + " " + pick(values));
            }
        });
        for (Map.Entry<SoakStream, StreamTally> e : bus.entrySet()) {
            StreamTally b = e.getValue();
            StreamTally d = disk.getOrDefault(e.getKey(), StreamTally.EMPTY);
            out.printf(
                    "soak: %-34s published %s | recorded rows=%d lost=%d duplicated=%d unpublished=%d%n",
                    e.getKey(), b, d.candles(), d.lost(), d.duplicated(), d.mismatched());
            b.examples().forEach(x -> out.println("soak:   " + x));
            d.examples().forEach(x -> out.println("soak:   dataset " + x));
        }
        StreamTally published = SoakCheck.total(bus.values());
        StreamTally recorded = SoakCheck.total(disk.values());
        out.printf(
                "streams=%d candles=%d faults=%d lost=%d duplicated=%d mismatched=%d%n",
                bus.size(),
                published.candles(),
                fired.values().stream().mapToLong(Long::longValue).sum(),
                published.lost() + recorded.lost(),
                published.duplicated() + recorded.duplicated(),
                published.mismatched() + recorded.mismatched());
        return published.clean() && recorded.clean() ? 0 : 1;
    }

    /** The listed counters, then every bad-input counter (one per kind the feed saw). */
    private static String pick(Map<String, Long> counters) {
        return Stream.concat(
                        COUNTERS.stream().filter(counters::containsKey),
                        counters.keySet().stream()
                                .filter(n -> n.startsWith("badInput."))
                                .sorted())
                .map(n -> n + "=" + counters.get(n))
                .collect(Collectors.joining(" "));
    }
}
