package io.candlebus.recorder;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;

/**
 * Configures compaction, {@code recorder.compaction} in the node config.
 *
 * @param enabled whether this recorder compacts ended days (default true; recorders built by code for a
 *     one-off job, such as backfill or the benchmark, pass {@link #OFF})
 * @param delayMillis clock time after a UTC day ends before its parts are compacted, so late candles (a
 *     venue's last minute, re-sends) land first (default 600000, ten minutes; 0 to 7 days). The clock is the
 *     recorder's: sim time when the simulator's clock is accelerated.
 * @param everyMillis real time between compaction passes, each looking for ended days not yet one file
 *     (default 60000; 100 ms to one day)
 */
public record CompactionConfig(boolean enabled, long delayMillis, long everyMillis) {
    /** No compaction. */
    public static final CompactionConfig OFF = new CompactionConfig(false, 600_000L, 60_000L);

    private static final Set<String> KEYS = Set.of("enabled", "delayMillis", "everyMillis");
    private static final long MAX_DELAY_MILLIS = 7 * 86_400_000L;
    private static final long MAX_EVERY_MILLIS = 86_400_000L;

    public CompactionConfig {
        if (delayMillis < 0 || delayMillis > MAX_DELAY_MILLIS) {
            throw new ConfigException(
                    "compaction.delayMillis", "an integer from 0 to " + MAX_DELAY_MILLIS, delayMillis);
        }
        if (everyMillis < 100 || everyMillis > MAX_EVERY_MILLIS) {
            throw new ConfigException(
                    "compaction.everyMillis", "an integer from 100 to " + MAX_EVERY_MILLIS, everyMillis);
        }
    }

    /** Returns the defaults: on, ten minutes after a day ends, a pass every minute. */
    public static CompactionConfig defaults() {
        return new CompactionConfig(true, 600_000L, 60_000L);
    }

    /** Reads {@code json} (may be null) over the defaults; {@code path} prefixes field names in errors. */
    static CompactionConfig fromJson(Object value, String path) {
        CompactionConfig d = defaults();
        if (value == null) {
            return d;
        }
        if (!(value instanceof JsonObject json)) {
            throw ConfigReader.invalid(path, "an object with " + String.join(", ", new TreeSet<>(KEYS)), value);
        }
        ConfigReader r = new ConfigReader(json, path, KEYS);
        return new CompactionConfig(
                r.bool("enabled", d.enabled()),
                r.longValue("delayMillis", d.delayMillis(), 0, MAX_DELAY_MILLIS),
                r.longValue("everyMillis", d.everyMillis(), 100, MAX_EVERY_MILLIS));
    }
}
