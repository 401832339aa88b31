package io.candlebus.contract;

import java.util.Map;
import java.util.TreeMap;

/**
 * A recorder's announcement, every second and when it starts to leave: its id (the suffix of its
 * {@link Addresses#recorderBatches(String) batch address}), its node, its state ({@code live}, or
 * {@code leaving} once it stops taking batches), the wall-clock time it was sent, and per stream it owns
 * ({@link StreamOwners#streamKey}) the open time of the last candle of that stream it holds durably (0 if none
 * yet). Senders route to the live recorders they hear from; one that stops announcing is taken as gone.
 */
public record RecorderPresence(String recorder, String node, String state, long time, Map<String, Long> owned) {
    public static final String LIVE = "live";
    public static final String LEAVING = "leaving";

    public RecorderPresence {
        Checks.text(recorder, "recorderPresence.recorder");
        Checks.text(node, "recorderPresence.node");
        if (!LIVE.equals(state) && !LEAVING.equals(state)) {
            throw new IllegalArgumentException("recorderPresence.state: expected live or leaving, was " + state);
        }
        Checks.nonNegative(time, "recorderPresence.time");
        owned = Map.copyOf(new TreeMap<>(Checks.present(owned, "recorderPresence.owned")));
    }

    /** Returns whether the recorder takes batches. */
    public boolean live() {
        return LIVE.equals(state);
    }
}
