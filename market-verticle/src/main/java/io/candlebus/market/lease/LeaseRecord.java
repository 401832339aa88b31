package io.candlebus.market.lease;

import java.util.Objects;

/**
 * Who holds a feed lease: the holder's node name, the fencing epoch it was granted under (a cluster counter,
 * incremented at every grant, so a later holder always has a higher epoch) and a random token of the holding
 * process, which keeps two grants apart even if a split cluster handed out the same epoch on both sides.
 */
public record LeaseRecord(String holder, long epoch, String token) {
    public LeaseRecord {
        Objects.requireNonNull(holder, "lease.holder");
        Objects.requireNonNull(token, "lease.token");
        if (epoch <= 0) {
            throw new IllegalArgumentException("lease.epoch: expected > 0, was " + epoch);
        }
        if (token.contains("|") || token.isEmpty()) {
            throw new IllegalArgumentException(
                    "lease.token: expected a non-empty text without '|', was '" + token + "'");
        }
    }

    /** Returns the stored form {@code epoch|token|holder} (the holder last: node names may hold most characters). */
    public String encode() {
        return epoch + "|" + token + "|" + holder;
    }

    /** Parses {@link #encode()}'s form; null stays null (no holder). */
    public static LeaseRecord decode(String stored) {
        if (stored == null) {
            return null;
        }
        int first = stored.indexOf('|');
        int second = first < 0 ? -1 : stored.indexOf('|', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("lease record: expected 'epoch|token|holder', was '" + stored + "'");
        }
        try {
            return new LeaseRecord(
                    stored.substring(second + 1),
                    Long.parseLong(stored.substring(0, first)),
                    stored.substring(first + 1, second));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "lease record: expected a numeric epoch before the first '|', was '" + stored + "'", e);
        }
    }
}
