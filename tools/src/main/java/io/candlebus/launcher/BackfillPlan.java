package io.candlebus.launcher;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.recorder.RecordedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backfill of [from, to) still has to do, from the keys on disk (the recorder's file names and
 * footers, no rows read): per stream which open times of the range are present, and per instrument where
 * fetching resumes: the first missing key of any of its streams, aligned down to the largest interval so
 * that every larger candle built from then on is complete. Pure apart from {@link #scan}.
 */
final class BackfillPlan {
    /** One stream of the range: bit {@code k} set when the candle opening at {@code from + k * step} is on disk. */
    static final class Stream {
        final Instrument instrument;
        final Interval interval;
        final long from;
        final long to;
        private final BitSet present;

        Stream(Instrument instrument, Interval interval, long from, long to) {
            this.instrument = instrument;
            this.interval = interval;
            this.from = from;
            this.to = to;
            this.present = new BitSet(slots());
        }

        int slots() {
            return (int) ((to - from) / interval.millis());
        }

        /** Marks the open times of {@code run} (inclusive, one interval apart) inside the range as present. */
        void add(long first, long last) {
            long lo = Math.max(first, from);
            long hi = Math.min(last, to - interval.millis());
            if (lo > hi) {
                return;
            }
            present.set(index(lo), index(hi) + 1);
        }

        boolean contains(long openTime) {
            return openTime >= from && openTime < to && present.get(index(openTime));
        }

        long presentCount() {
            return present.cardinality();
        }

        /** Returns the open time of the first candle of the range not on disk, or {@code to} if none is missing. */
        long firstMissing() {
            int k = present.nextClearBit(0);
            return k >= slots() ? to : from + k * interval.millis();
        }

        /** Returns how many keys of the range lie before {@code openTime} (those a resume does not fetch). */
        long slotsBefore(long openTime) {
            return Math.max(0, Math.min(slots(), (openTime - from) / interval.millis()));
        }

        private int index(long openTime) {
            return (int) ((openTime - from) / interval.millis());
        }

        @Override
        public String toString() {
            return instrument + " " + interval;
        }
    }

    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private final List<Instrument> instruments;
    private final Interval largest;
    private final long from;
    private final long to;

    BackfillPlan(List<Instrument> instruments, List<Interval> intervals, long from, long to) {
        this.instruments = List.copyOf(instruments);
        this.largest = intervals.stream().max(Interval::compareTo).orElseThrow();
        this.from = from;
        this.to = to;
        for (Instrument i : instruments) {
            for (Interval interval : intervals) {
                streams.put(key(i, interval), new Stream(i, interval, from, to));
            }
        }
    }

    /** Returns the plan for the range with the keys now on disk under {@code dataDir}. */
    static BackfillPlan scan(Path dataDir, BackfillOptions o) throws IOException {
        BackfillPlan plan = new BackfillPlan(o.instruments(), o.intervals(), o.from(), o.to());
        for (RecordedFiles.PartFile file : RecordedFiles.list(dataDir)) {
            Stream s = plan.stream(file.instrument(), file.interval());
            if (s != null) {
                file.runs().forEach(r -> s.add(r.first(), r.last()));
            }
        }
        return plan;
    }

    Stream stream(Instrument instrument, Interval interval) {
        return streams.get(key(instrument, interval));
    }

    List<Stream> streams() {
        return new ArrayList<>(streams.values());
    }

    List<Instrument> instruments() {
        return instruments;
    }

    /**
     * Returns where fetching {@code instrument} starts: the first missing key of any of its streams, aligned
     * down to the largest interval; {@code to} when nothing is missing.
     */
    long resumeAt(Instrument instrument) {
        long first = to;
        for (Stream s : streams.values()) {
            if (s.instrument.equals(instrument)) {
                first = Math.min(first, s.firstMissing());
            }
        }
        return first >= to ? to : Math.max(from, largest.openTimeOf(first));
    }

    /** Returns every key of the range, over all streams. */
    long total() {
        return streams.values().stream().mapToLong(Stream::slots).sum();
    }

    /** Returns the keys of the range on disk. */
    long present() {
        return streams.values().stream().mapToLong(Stream::presentCount).sum();
    }

    private static String key(Instrument i, Interval interval) {
        return i.key() + "/" + interval.code();
    }
}
