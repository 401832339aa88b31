package io.candlebus.recorder;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Knows which open times one partition directory holds and which of its files it has indexed, so that a
 * refresh indexes only files that appeared since (written by another recorder sharing the directory). A file
 * with a contiguous name counts as indexed once its run is held, which costs no memory per file; any other
 * file is remembered by name, so its footer is read once. Not thread-safe: one owner, the writing thread.
 */
final class PartitionIndex {
    private final long step;
    private final OpenTimes times;
    /** Names of files indexed from their footers, or skipped as unreadable, so each is looked at once. */
    private final Set<String> otherFiles = new HashSet<>();

    PartitionIndex(long step) {
        this.step = step;
        this.times = new OpenTimes(step);
    }

    /** Returns the recorded open times; callers add what they write. */
    OpenTimes times() {
        return times;
    }

    long step() {
        return step;
    }

    /** Returns whether the file named {@code fileName} needs no look: its candles are already held. */
    boolean knows(String fileName, Optional<PartFileName> name) {
        if (name.isPresent() && name.get().isContiguous(step)) {
            return times.containsRun(name.get().firstOpenTime(), name.get().lastOpenTime());
        }
        return otherFiles.contains(fileName);
    }

    /** Remembers a file that is not covered by its name, indexed from its footer or skipped. */
    void rememberOther(String fileName) {
        otherFiles.add(fileName);
    }

    /** Records a file this recorder wrote: its open times, and its name unless the name covers them. */
    void wrote(PartFileName name, OpenTimes written) {
        times.addAll(written);
        if (!name.isContiguous(step)) {
            otherFiles.add(name.fileName());
        }
    }
}
