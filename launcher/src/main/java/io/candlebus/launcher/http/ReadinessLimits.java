package io.candlebus.launcher.http;

/**
 * What {@code /health/ready} tolerates.
 *
 * @param staleStreamMillis how old (by its feed's clock) a stream's last message may be ({@code
 *     http.staleStreamMillis}, default 120000)
 * @param startupGraceMillis wall-clock time from when this node first sees a followed stream until a stream
 *     that has delivered nothing yet is reported as {@code neverDelivered} rather than {@code awaitingFirstData};
 *     either way such a stream makes the node not ready ({@code http.startupGraceMillis}, default 60000)
 * @param maxUnacknowledgedCandles closed candles a market node may hold unacknowledged by any recorder (its
 *     {@code recorderPending} counter) before the node is not ready ({@code http.maxUnacknowledgedCandles},
 *     default 10000: a demo warm-up holds about 4,300 for a flush interval)
 * @param goneAfterMillis wall-clock heartbeat silence after which a component counts as gone: it no longer
 *     makes the node not ready unless no component of its name is left, and it is listed as gone for {@link
 *     #GONE_SHOWN_MILLIS} more ({@code http.goneAfterMillis}, default 30000)
 */
public record ReadinessLimits(
        long staleStreamMillis, long startupGraceMillis, long maxUnacknowledgedCandles, long goneAfterMillis) {

    /** A component whose last heartbeat is older than this is reported stale and makes the node not ready. */
    public static final long STALE_AFTER_MILLIS = 5_000;

    /** How long a gone component stays listed after it counted as gone. */
    public static final long GONE_SHOWN_MILLIS = 600_000;

    public static final long DEFAULT_STALE_STREAM_MILLIS = 120_000;
    public static final long DEFAULT_STARTUP_GRACE_MILLIS = 60_000;
    public static final long DEFAULT_MAX_UNACKNOWLEDGED_CANDLES = 10_000;
    public static final long DEFAULT_GONE_AFTER_MILLIS = 30_000;

    public ReadinessLimits {
        positive(staleStreamMillis, "staleStreamMillis");
        if (startupGraceMillis < 0) {
            throw new IllegalArgumentException("startupGraceMillis: expected 0 or more, was " + startupGraceMillis);
        }
        positive(maxUnacknowledgedCandles, "maxUnacknowledgedCandles");
        if (goneAfterMillis <= STALE_AFTER_MILLIS) {
            throw new IllegalArgumentException(
                    "goneAfterMillis: expected more than " + STALE_AFTER_MILLIS + ", was " + goneAfterMillis);
        }
    }

    /** The defaults with another stream threshold. */
    public static ReadinessLimits withStaleStreamMillis(long staleStreamMillis) {
        return new ReadinessLimits(
                staleStreamMillis,
                DEFAULT_STARTUP_GRACE_MILLIS,
                DEFAULT_MAX_UNACKNOWLEDGED_CANDLES,
                DEFAULT_GONE_AFTER_MILLIS);
    }

    private static void positive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": expected a positive integer, was " + value);
        }
    }
}
