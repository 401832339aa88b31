package io.candlebus.recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holds a set of candle open times of one interval as runs of consecutive candles, so a partition of a
 * continuously recorded day costs one entry. Its text form, {@code first:last,first:last} (inclusive epoch
 * milliseconds), is what a file's footer carries when the file's candles are not consecutive.
 */
final class OpenTimes {
    private final long step;
    /** First open time of a run -> last open time of that run (inclusive); runs neither overlap nor touch. */
    private final TreeMap<Long, Long> runs = new TreeMap<>();

    OpenTimes(long step) {
        if (step <= 0) {
            throw new IllegalArgumentException("step: expected > 0, was " + step);
        }
        this.step = step;
    }

    /** Returns the open times of {@code sortedTimes} (ascending) as runs with the given step. */
    static OpenTimes of(List<Long> sortedTimes, long step) {
        OpenTimes times = new OpenTimes(step);
        for (long t : sortedTimes) {
            times.add(t);
        }
        return times;
    }

    /**
     * Returns the first {@code count} open times of {@code sortedTimes}, strictly ascending, as runs with the
     * given step. One pass and one map entry per run: it runs for every file written, where adding candle by
     * candle cost a tree lookup and a boxed key each.
     */
    static OpenTimes ofAscending(long[] sortedTimes, int count, long step) {
        OpenTimes times = new OpenTimes(step);
        if (count == 0) {
            return times;
        }
        long lo = sortedTimes[0];
        long hi = lo;
        for (int i = 1; i < count; i++) {
            long t = sortedTimes[i];
            if (t <= hi) {
                throw new IllegalArgumentException(
                        "open times: expected strictly ascending, was " + t + " after " + hi);
            }
            if (t == hi + step) {
                hi = t;
            } else {
                times.addRun(lo, hi);
                lo = t;
                hi = t;
            }
        }
        times.addRun(lo, hi);
        return times;
    }

    boolean contains(long openTime) {
        Map.Entry<Long, Long> run = runs.floorEntry(openTime);
        return run != null && openTime <= run.getValue() && Math.floorMod(openTime - run.getKey(), step) == 0;
    }

    /** Returns the latest open time held, or {@link Long#MIN_VALUE} when none is. */
    long last() {
        return runs.isEmpty() ? Long.MIN_VALUE : runs.lastEntry().getValue();
    }

    /** Returns whether every open time from {@code first} to {@code last}, {@code step} apart, is held. */
    boolean containsRun(long first, long last) {
        // Touching runs are merged on insert, so a held range always lies inside one run.
        Map.Entry<Long, Long> run = runs.floorEntry(first);
        return run != null && last <= run.getValue() && Math.floorMod(first - run.getKey(), step) == 0;
    }

    /** Returns whether every open time of {@code other} (of the same step) is held. */
    boolean containsAll(OpenTimes other) {
        for (Map.Entry<Long, Long> run : other.runs.entrySet()) {
            if (!containsRun(run.getKey(), run.getValue())) {
                return false;
            }
        }
        return true;
    }

    void add(long openTime) {
        addRun(openTime, openTime);
    }

    /** Adds every open time from {@code first} to {@code last} inclusive, {@code step} apart. */
    void addRun(long first, long last) {
        if (last < first) {
            throw new IllegalArgumentException("run: expected first <= last, was " + first + ":" + last);
        }
        long lo = first;
        long hi = last;
        Map.Entry<Long, Long> below = runs.floorEntry(lo);
        if (below != null && below.getValue() + step >= lo) {
            lo = below.getKey();
            hi = Math.max(hi, below.getValue());
            runs.remove(below.getKey());
        }
        Map.Entry<Long, Long> next = runs.ceilingEntry(lo);
        while (next != null && next.getKey() <= hi + step) {
            hi = Math.max(hi, next.getValue());
            runs.remove(next.getKey());
            next = runs.ceilingEntry(lo);
        }
        runs.put(lo, hi);
    }

    void addAll(OpenTimes other) {
        other.runs.forEach(this::addRun);
    }

    /** Returns how many open times the set holds. */
    long size() {
        long n = 0;
        for (Map.Entry<Long, Long> run : runs.entrySet()) {
            n += (run.getValue() - run.getKey()) / step + 1;
        }
        return n;
    }

    int runCount() {
        return runs.size();
    }

    /** Returns the text form, {@code first:last,first:last}. */
    String toText() {
        List<String> parts = new ArrayList<>(runs.size());
        runs.forEach((lo, hi) -> parts.add(lo + ":" + hi));
        return String.join(",", parts);
    }

    /** Parses the text form; the error names what was expected. */
    static OpenTimes parse(String text, long step) {
        OpenTimes times = new OpenTimes(step);
        if (text.isEmpty()) {
            return times;
        }
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':', 1);
            try {
                if (colon < 0) {
                    throw new NumberFormatException("no ':'");
                }
                times.addRun(Long.parseLong(part.substring(0, colon)), Long.parseLong(part.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "open times: expected first:last runs of epoch milliseconds, was '" + part + "'", e);
            }
        }
        return times;
    }

    @Override
    public String toString() {
        return toText();
    }
}
