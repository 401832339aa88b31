package io.candlebus.recorder;

/**
 * The steps of compacting one stream-day, in order, as {@link CompactionObserver} sees them. A process killed
 * between any two leaves a dataset whose every key is held once: the swap is one atomic exchange of
 * directories, and whatever is left in the staging directory is settled at the next compaction of that day.
 */
public enum CompactionStep {
    /** The day's part files were listed (more than one) and are being read. */
    STARTED,
    /** The staging directory exists; the compacted file is being written into it. */
    STAGING_CREATED,
    /** The compacted file is complete and synced in the staging directory. */
    STAGED,
    /** The compacted file was read back: its rows are exactly the parts' keys, sorted, each once. */
    VERIFIED,
    /** The staging directory and the day's directory were exchanged: readers now see only the new file. */
    SWAPPED,
    /** One swapped-out part was deleted from the staging directory (reported for each). */
    PART_REMOVED,
    /** The staging directory is gone; the day is one file. */
    DONE
}
