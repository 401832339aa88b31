package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.sim.faults.OrderFaultKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code soak --orders} shortened to a few sim hours with every order-fault kind armed at least once:
 * the strategies' signals are traded live against the simulator, and the journal must match the simulator's
 * book (one order per intent, none lost, same states).
 */
class OrderSoakIT {
    private static final Pattern FINAL_LINE =
            Pattern.compile("intents=(\\d+) orders=(\\d+) duplicates=(\\d+) lost=(\\d+) mismatched=(\\d+)");

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aShortOrderSoakUnderOrderFaultsPlacesOneOrderPerIntentAndAgreesWithTheVenue(@TempDir Path dir) {
        // Two sim hours at 120x: a minute of real time, every fault kind armed once (the seed's plan).
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = SoakCommand.run(
                List.of(
                        "--orders",
                        "--sim-hours",
                        "2",
                        "--faults",
                        Integer.toString(OrderFaultKind.values().length),
                        "--seed",
                        "7",
                        "--speed",
                        "120",
                        "--data",
                        dir.resolve("data").toString()),
                out,
                out,
                new NodeStarts());
        String report = bytes.toString(StandardCharsets.UTF_8);
        List<String> lines = report.lines().toList();
        System.out.print(report);
        assertThat(exit).as(report).isZero();
        Matcher last = FINAL_LINE.matcher(lines.get(lines.size() - 1));
        assertThat(last.matches()).as(report).isTrue();
        int intents = Integer.parseInt(last.group(1));
        assertThat(intents).as(report).isPositive();
        assertThat(Integer.parseInt(last.group(2))).as(report).isPositive().isLessThanOrEqualTo(intents);
        assertThat(List.of(last.group(3), last.group(4), last.group(5)))
                .as(report)
                .containsOnly("0");
        String armed = lines.stream()
                .filter(l -> l.contains("order faults armed:"))
                .findFirst()
                .orElseThrow();
        for (String kind : Arrays.stream(OrderFaultKind.values())
                .map(OrderFaultKind::label)
                .toList()) {
            assertThat(armed).as(report).contains(" " + kind + "=1");
        }
        String met = lines.stream()
                .filter(l -> l.contains("requests that met a fault:"))
                .findFirst()
                .orElseThrow();
        // Orders were really spoiled: an answer lost after acceptance and a refusal at least.
        assertThat(met)
                .as(report)
                .contains("CLOSE_CONNECTION=")
                .contains("DELAY=")
                .contains("HIDDEN=")
                .contains("UNAVAILABLE=")
                .contains("TIMESTAMP_OUTSIDE_WINDOW=")
                .contains("INSUFFICIENT_BALANCE=");
    }
}
