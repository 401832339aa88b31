package io.candlebus.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before anything deploys, that the directories a node will write to are writable: the recorder's
 * data directory on a node with the recorder role, and the outbox directory (where unacknowledged candles are
 * kept at a stop) on a node with the market or candles role, and the order journal's directory in live mode. Each is created if missing, and a file is written to and
 * deleted from it, which catches what permission bits alone would not (a read-only mount, a file in the way,
 * a full disk, and writes as root).
 */
final class WritableDirs {
    private WritableDirs() {}

    /** Returns a one-line error naming the first unwritable directory and the setting of it, or null. */
    static String problem(AppConfig config) {
        if (config.roles().contains(Role.RECORDER)) {
            String p = problem(config.recorder().dataDir(), "--data / recorder.dataDir");
            if (p != null) {
                return p;
            }
        }
        if (config.roles().contains(Role.ORDER) && config.order().live()) {
            String p = problem(config.orderJournalDir(), "order.journalDir (default: <data>/orders)");
            if (p != null) {
                return p;
            }
        }
        if (Role.runsCandles(config.roles())) {
            return problem(config.recorder().effectiveOutboxDir(), "recorder.outboxDir (default: <data>/outbox)");
        }
        return null;
    }

    /** Returns a one-line error if {@code dir} cannot be created or written to, or null. */
    static String problem(Path dir, String setting) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".candlebus-write-check-", ".tmp");
            try {
                Files.write(probe, new byte[] {1});
            } finally {
                Files.deleteIfExists(probe);
            }
            return null;
        } catch (IOException | SecurityException e) {
            String reason = (e.getClass().getSimpleName() + ": " + e.getMessage()).replaceAll("[\\r\\n]+", " ");
            return setting + ": expected a writable directory, was "
                    + dir.toAbsolutePath().normalize() + " (" + reason + ")";
        }
    }
}
