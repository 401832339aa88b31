package io.candlebus.order.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.order.ClientOrderIds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM that is journaling as fast as it can ({@code kill -9}, no shutdown hook, no close) and
 * replays what it left: every intent it had reported written is back, nothing is damaged, and at most the
 * last line is torn. A kill leaves the page cache to the kernel, so this cannot tell a forced write from an
 * unforced one; {@code FileChannel.force} is what covers a power loss.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OrderJournalKillIT {
    @TempDir
    Path dir;

    @Test
    void everyIntentReportedWrittenSurvivesKillNine() throws Exception {
        Process victim = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        JournalWriterMain.class.getName(),
                        dir.toString()))
                .redirectErrorStream(true)
                .start();
        long acknowledged = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("written ")) {
                    acknowledged = Long.parseLong(line.substring("written ".length()));
                    if (acknowledged >= 200) {
                        break;
                    }
                }
            }
            assertThat(victim.toHandle().destroyForcibly()).isTrue();
            assertThat(victim.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } catch (IOException | RuntimeException e) {
            victim.destroyForcibly();
            throw e;
        }
        assertThat(acknowledged).as("the victim's progress").isGreaterThanOrEqualTo(200);

        try (OrderJournalFile replayed = OrderJournalFile.open(dir)) {
            ReplayReport report = replayed.replayReport();
            assertThat(report.intents()).isGreaterThan((int) acknowledged);
            for (long i = 0; i <= acknowledged; i++) {
                assertThat(replayed.find(ClientOrderIds.forSignal("kill-" + i)))
                        .as("intent " + i)
                        .isPresent();
            }
            // The reopened journal takes new records after whatever the kill cut off.
            replayed.recordState(
                    ClientOrderIds.forSignal("kill-0"),
                    OrderState.CANCELED,
                    null,
                    BigDecimal.ZERO,
                    "after the kill",
                    0);
        }
        try (OrderJournalFile again = OrderJournalFile.open(dir)) {
            assertThat(again.replayReport().tornTail()).isFalse();
            assertThat(again.find(ClientOrderIds.forSignal("kill-0"))
                            .orElseThrow()
                            .state())
                    .isEqualTo(OrderState.CANCELED);
        }
    }
}
