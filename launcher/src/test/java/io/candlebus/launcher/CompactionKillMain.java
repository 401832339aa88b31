package io.candlebus.launcher;

import io.candlebus.recorder.CompactionObserver;
import io.candlebus.recorder.CompactionStep;
import io.candlebus.recorder.DayCompactor;
import io.candlebus.recorder.PartitionLocks;
import java.nio.file.Path;

/**
 * The production compactor in a JVM of its own, for {@code CompactionKillIT}: {@code DATA NOW_MILLIS STEP}
 * compacts every day of DATA ended by NOW_MILLIS; when it reaches STEP (a {@link CompactionStep}, or
 * {@code none}) it prints {@code at STEP} and waits there to be killed. Otherwise it prints
 * {@code compacted N} and exits.
 */
final class CompactionKillMain {
    private CompactionKillMain() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        long now = Long.parseLong(args[1]);
        String stopAt = args[2];
        CompactionObserver observer = (step, dir) -> {
            if (step.name().equals(stopAt)) {
                System.out.println("at " + step);
                System.out.flush();
                // Parked until the test kills this JVM with SIGKILL.
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        };
        int compacted = new DayCompactor(data, new PartitionLocks(), observer).compactDue(now, 0);
        System.out.println("compacted " + compacted);
    }
}
