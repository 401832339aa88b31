package io.candlebus.market.candle;

import java.util.HashMap;
import java.util.Map;

/** Lets each stream's live candle out at most once per period (real time, passed in as nanoseconds). */
public final class LiveThrottle {
    private final long periodNanos;
    private final Map<StreamKey, Long> lastSent = new HashMap<>();

    public LiveThrottle(long periodMillis) {
        this.periodNanos = periodMillis * 1_000_000L;
    }

    /** Returns whether {@code key} may publish at {@code nowNanos}. */
    public boolean due(StreamKey key, long nowNanos) {
        Long last = lastSent.get(key);
        return last == null || nowNanos - last >= periodNanos;
    }

    /** Records that {@code key} published at {@code nowNanos}. */
    public void sent(StreamKey key, long nowNanos) {
        lastSent.put(key, nowNanos);
    }
}
