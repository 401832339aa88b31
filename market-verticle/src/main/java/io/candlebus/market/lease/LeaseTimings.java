package io.candlebus.market.lease;

/**
 * How a feed lease is kept, in real (monotonic) milliseconds, never the possibly simulated market clock.
 *
 * @param ttlMillis how long the cluster keeps a lease entry after its last write: a holder that dies without
 *     releasing it (kill -9) frees it this long after its last renewal at most
 * @param renewEveryMillis how often the holder renews; it also stops feeding once no renewal has succeeded for
 *     {@code ttlMillis - renewEveryMillis} since the renewal was sent, a margin before the entry can expire
 *     anywhere, so an old holder that cannot reach the cluster stops before a standby can start
 * @param retryEveryMillis how often a standby looks for a free lease
 */
public record LeaseTimings(long ttlMillis, long renewEveryMillis, long retryEveryMillis) {
    /** 4 s lease, renewed every second, looked for every 500 ms. */
    public static final LeaseTimings DEFAULT = new LeaseTimings(4_000, 1_000, 500);

    public LeaseTimings {
        if (renewEveryMillis <= 0) {
            throw new IllegalArgumentException("lease.renewEveryMillis: expected > 0, was " + renewEveryMillis);
        }
        if (ttlMillis < 3 * renewEveryMillis) {
            throw new IllegalArgumentException("lease.ttlMillis: expected at least three renewals ("
                    + 3 * renewEveryMillis + "), was " + ttlMillis);
        }
        if (retryEveryMillis <= 0) {
            throw new IllegalArgumentException("lease.retryEveryMillis: expected > 0, was " + retryEveryMillis);
        }
    }

    /** How long after a renewal was sent the holder still counts itself the holder. */
    public long validForMillis() {
        return ttlMillis - renewEveryMillis;
    }
}
