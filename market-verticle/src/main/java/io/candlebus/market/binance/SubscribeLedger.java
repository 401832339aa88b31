package io.candlebus.market.binance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Remembers which streams each unanswered SUBSCRIBE of one connection named, because the venue's refusal
 * ({@code {"error":{..},"id":N}}) names the request only. A refused request of one stream names the
 * culprit; the streams of a refused request of several become suspects: kept out of the URL of the next
 * socket (the venue may close the connection right after the refusal) and subscribed one per request, so
 * the next refusal names the culprit and the good streams never reconnect-loop with it.
 */
final class SubscribeLedger {
    private final Map<String, List<String>> pending = new HashMap<>();
    private final Set<String> suspects = new TreeSet<>();

    /** Records SUBSCRIBE request {@code id} naming {@code streams}. */
    void sent(String id, List<String> streams) {
        pending.put(id, List.copyOf(streams));
    }

    /**
     * Takes the refusal of request {@code id}: returns the streams it named if it was a SUBSCRIBE, none
     * otherwise. Several become suspects; a single one is the culprit and is no suspect any more.
     */
    List<String> refused(String id) {
        List<String> names = pending.remove(id);
        if (names == null) {
            return List.of();
        }
        if (names.size() > 1) {
            suspects.addAll(names);
        } else {
            suspects.removeAll(names);
        }
        return names;
    }

    /** Takes the acceptance of request {@code id}: its streams are no suspects. */
    void accepted(String id) {
        List<String> names = pending.remove(id);
        if (names != null) {
            suspects.removeAll(names);
        }
    }

    /** Forgets the unanswered requests (their socket is gone); suspects stay. */
    void socketGone() {
        pending.clear();
    }

    /** Forgets suspects no longer wanted. */
    void retain(Set<String> wanted) {
        suspects.retainAll(wanted);
    }

    boolean isSuspect(String stream) {
        return suspects.contains(stream);
    }

    Set<String> suspects() {
        return Set.copyOf(suspects);
    }
}
