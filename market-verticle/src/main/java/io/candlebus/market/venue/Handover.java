package io.candlebus.market.venue;

import io.candlebus.contract.Trade;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides when a replacement Bithumb connection may take over from the running one without a gap.
 *
 * <p>Bithumb's {@code sequential_id} is unique but not ordered, so overlap is proven per code by set
 * membership: the replacement has delivered a trade (SNAPSHOT or REALTIME) that the old connection has
 * seen too. From that trade on the replacement's stream is complete and the old one covered everything
 * before it, so their union loses nothing. Either side may see the shared trade first. Until every code
 * that was followed on the old connection is proven, the replacement's trades are only buffered, in the
 * order received: the aggregator's minute-close watermark is per feed, so two connections' trades must
 * never be published interleaved.
 */
final class Handover {
    /** A trade the replacement delivered; {@code snapshot} for the SNAPSHOT repeat on subscribing. */
    record Delivered(Trade trade, boolean snapshot) {}

    private final Set<String> unproven;
    /** Per unproven code, the ids the replacement delivered that the old connection had not seen yet. */
    private final Map<String, Set<Long>> offered = new HashMap<>();

    private final List<Delivered> buffer = new ArrayList<>();
    private final long clockDeadline;
    private final long realDeadlineNanos;
    private final int maxBuffered;
    private boolean overflowed;

    /**
     * Starts a handover that must prove the codes {@code mustProve}; it expires once both the clock is at
     * {@code clockDeadline} and {@link System#nanoTime()} at {@code realDeadlineNanos}, or when more than
     * {@code maxBuffered} trades would have to be held.
     */
    Handover(Set<String> mustProve, long clockDeadline, long realDeadlineNanos, int maxBuffered) {
        this.unproven = new HashSet<>(mustProve);
        for (String code : mustProve) {
            offered.put(code, new HashSet<>());
        }
        this.clockDeadline = clockDeadline;
        this.realDeadlineNanos = realDeadlineNanos;
        this.maxBuffered = maxBuffered;
    }

    /**
     * Buffers a trade the replacement delivered; {@code seenOnOld} tells whether the old connection has
     * already seen its id (published it, or holds or covers it).
     */
    void delivered(Trade trade, boolean snapshot, boolean seenOnOld) {
        if (buffer.size() >= maxBuffered) {
            overflowed = true;
            return;
        }
        buffer.add(new Delivered(trade, snapshot));
        String code = trade.instrument().symbol();
        if (!unproven.contains(code)) {
            return;
        }
        if (seenOnOld) {
            proven(code);
        } else {
            offered.get(code).add(trade.tradeId());
        }
    }

    /** A trade the old connection saw for the first time: proves its code if the replacement had it first. */
    void seenOnOld(Trade trade) {
        String code = trade.instrument().symbol();
        Set<Long> ids = offered.get(code);
        if (ids != null && ids.contains(trade.tradeId())) {
            proven(code);
        }
    }

    /** The code is no longer followed: it needs no proof. */
    void forget(String code) {
        proven(code);
    }

    /** Returns true once every code is proven and nothing delivered was lost to the buffer bound. */
    boolean proven() {
        return unproven.isEmpty() && !overflowed;
    }

    /** Returns true if the handover can no longer succeed in time: it is over its deadline or overflowed. */
    boolean failed(long clockNow, long nanosNow) {
        return overflowed || (clockNow >= clockDeadline && nanosNow - realDeadlineNanos >= 0);
    }

    /** Returns the codes still unproven. */
    Set<String> unproven() {
        return Set.copyOf(unproven);
    }

    /** Returns what the replacement delivered, in the order received. */
    List<Delivered> buffered() {
        return List.copyOf(buffer);
    }

    private void proven(String code) {
        unproven.remove(code);
        offered.remove(code);
    }
}
