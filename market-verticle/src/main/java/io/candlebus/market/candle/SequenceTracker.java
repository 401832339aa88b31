package io.candlebus.market.candle;

import java.util.HashMap;
import java.util.Map;

/**
 * Checks, per feed, that a candle shard receives the feed's numbered events ({@link
 * io.candlebus.contract.FeedEvent}) without a hole: the same epoch, each number the one after the last. Pure
 * logic, single-threaded.
 */
public final class SequenceTracker {
    /** What an event's (epoch, number) says. */
    public enum Verdict {
        /** The next event: the shard's view of the feed is whole. */
        NEXT,
        /** The first event of a feed (or of a new start of it, {@link #epochChanges}): from its very beginning. */
        FRESH,
        /** Events are missing before this one (a hole, or a feed first heard in the middle of its sequence). */
        GAP,
        /** An event older than one already seen: reordered or repeated. */
        LATE
    }

    private static final class Position {
        long epoch;
        long next;

        Position(long epoch, long next) {
            this.epoch = epoch;
            this.next = next;
        }
    }

    private final Map<String, Position> feeds = new HashMap<>();
    private long gaps;
    private long missed;
    private long late;
    private long epochChanges;

    /** Takes the event numbered {@code seq} of {@code feed}'s {@code epoch} and says how it fits. */
    public Verdict accept(String feed, long epoch, long seq) {
        Position p = feeds.get(feed);
        if (p == null) {
            feeds.put(feed, new Position(epoch, seq + 1));
            return fresh(seq);
        }
        if (p.epoch != epoch) {
            epochChanges++;
            p.epoch = epoch;
            p.next = seq + 1;
            return fresh(seq);
        }
        if (seq == p.next) {
            p.next++;
            return Verdict.NEXT;
        }
        if (seq > p.next) {
            gaps++;
            missed += seq - p.next;
            p.next = seq + 1;
            return Verdict.GAP;
        }
        late++;
        return Verdict.LATE;
    }

    private Verdict fresh(long seq) {
        if (seq == 0) {
            return Verdict.FRESH;
        }
        gaps++;
        missed += seq;
        return Verdict.GAP;
    }

    /** Holes found (each one or more events missing). */
    public long gaps() {
        return gaps;
    }

    /** Events known missing in all holes together. */
    public long missed() {
        return missed;
    }

    /** Events that came after a later one. */
    public long late() {
        return late;
    }

    /** Times a feed's epoch changed (it restarted, or another node took it over). */
    public long epochChanges() {
        return epochChanges;
    }
}
