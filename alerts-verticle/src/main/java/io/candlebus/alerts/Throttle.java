package io.candlebus.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * De-duplicates and throttles alerts per kind and subject.
 *
 * <p>De-duplication: an alert whose id was seen before (the same signal replayed, the same order event
 * published twice) is dropped; the last {@value #REMEMBERED_IDS} ids are remembered.
 *
 * <p>Throttling: the first alert of a kind and subject goes out at once and opens a window; alerts of that
 * kind and subject inside the window are held back and counted, and when the window ends the latest of them
 * goes out noting how many others it stands for, which opens the next window. So a flapping stream costs one
 * message per window and nothing is silently lost.
 */
final class Throttle {
    static final int REMEMBERED_IDS = 10_000;

    private final long windowMillis;
    private final Map<String, Window> windows = new HashMap<>();
    private final Map<String, Boolean> ids = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };
    private long duplicates;
    private long throttled;

    private static final class Window {
        long endsAt;
        Alert latest;
        int held;
    }

    Throttle(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /** Returns the alert to send now, or null when it is a duplicate or held back by the window. */
    Alert admit(Alert alert, long now) {
        if (alert.id() != null && ids.put(alert.id(), Boolean.TRUE) != null) {
            duplicates++;
            return null;
        }
        if (windowMillis == 0) {
            return alert;
        }
        Window w = windows.get(alert.throttleKey());
        if (w == null || now >= w.endsAt && w.held == 0) {
            w = new Window();
            w.endsAt = now + windowMillis;
            windows.put(alert.throttleKey(), w);
            return alert;
        }
        if (now >= w.endsAt) {
            // The window ended with alerts held and no tick yet: this one stands for them all.
            Alert out = alert.withSuppressed(w.held);
            w.held = 0;
            w.latest = null;
            w.endsAt = now + windowMillis;
            return out;
        }
        throttled++;
        w.held++;
        w.latest = alert;
        return null;
    }

    /**
     * Ends the windows that are over: returns, oldest first, the latest alert held in each (noting the others
     * it stands for) and forgets windows that held nothing.
     */
    List<Alert> tick(long now) {
        List<Alert> out = new ArrayList<>();
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            Window w = it.next();
            if (now < w.endsAt) {
                continue;
            }
            if (w.held == 0) {
                it.remove();
                continue;
            }
            out.add(w.latest.withSuppressed(w.held - 1));
            w.held = 0;
            w.latest = null;
            w.endsAt = now + windowMillis;
        }
        out.sort(Comparator.comparingLong(Alert::time));
        return out;
    }

    long duplicates() {
        return duplicates;
    }

    long throttled() {
        return throttled;
    }

    /** Windows open now: bounded by the kinds and subjects active within one window. */
    int openWindows() {
        return windows.size();
    }
}
