package io.candlebus.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts what a soak found wrong in one stream (or in all of them): candles missing, repeated, or with
 * values other than the truth's, with a few examples for the report.
 */
record StreamTally(long candles, long lost, long duplicated, long mismatched, List<String> examples) {
    /** How many examples a tally keeps. */
    static final int MAX_EXAMPLES = 5;

    static final StreamTally EMPTY = new StreamTally(0, 0, 0, 0, List.of());

    StreamTally {
        examples = List.copyOf(examples.subList(0, Math.min(MAX_EXAMPLES, examples.size())));
    }

    /** Returns whether nothing was lost, duplicated or mismatched. */
    boolean clean() {
        return lost == 0 && duplicated == 0 && mismatched == 0;
    }

    /** Returns the sum of both tallies, keeping the first examples. */
    StreamTally plus(StreamTally other) {
        List<String> both = new ArrayList<>(examples);
        both.addAll(other.examples);
        return new StreamTally(
                candles + other.candles,
                lost + other.lost,
                duplicated + other.duplicated,
                mismatched + other.mismatched,
                both);
    }

    @Override
    public String toString() {
        return "candles=" + candles + " lost=" + lost + " duplicated=" + duplicated + " mismatched=" + mismatched;
    }
}
