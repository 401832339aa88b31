package io.candlebus.recorder;

import java.nio.file.Path;

/**
 * Told of each {@link CompactionStep} of a day's compaction, on the compacting thread, right after the step.
 * The recorder logs through it; a crash test stops the process at a chosen step through it.
 */
@FunctionalInterface
public interface CompactionObserver {
    /** Does nothing. */
    CompactionObserver NONE = (step, dayDir) -> {};

    /** Called after {@code step} of compacting the day whose directory is {@code dayDir}. */
    void reached(CompactionStep step, Path dayDir);
}
