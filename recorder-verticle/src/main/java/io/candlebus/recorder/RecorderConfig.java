package io.candlebus.recorder;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Configures the recorder.
 *
 * @param dataDir directory the dataset lives under; files go to {@code dataDir/candles/...} (default
 *     {@code ./data})
 * @param flushIntervalMillis how often buffered candles are written and then acknowledged, from 1 ms to one
 *     hour (default 2000); senders' request timeouts must exceed it
 * @param maxBufferedCandles buffered candles that trigger an early write; while a write runs, up to twice
 *     this many more are buffered and further candles are refused as unavailable (default 10000)
 * @param outboxDir where a node with the market role keeps, at shutdown, the closed candles no recorder has
 *     acknowledged yet, to re-send them at its next start; null means {@code dataDir/outbox} (see {@link
 *     #effectiveOutboxDir()}). Set it on another disk than {@code dataDir} if that disk may fail.
 * @param compaction when ended days become one file each ({@link CompactionConfig}); null means off
 */
public record RecorderConfig(
        Path dataDir, long flushIntervalMillis, int maxBufferedCandles, Path outboxDir, CompactionConfig compaction) {

    private static final Set<String> KEYS =
            Set.of("dataDir", "flushIntervalMillis", "maxBufferedCandles", "outboxDir", "compaction");
    private static final long MAX_FLUSH_INTERVAL_MILLIS = 3_600_000L;
    private static final long MAX_BUFFERED_CANDLES = 10_000_000L;

    public RecorderConfig {
        Objects.requireNonNull(dataDir, "dataDir: expected a path, was null");
        compaction = compaction == null ? CompactionConfig.OFF : compaction;
        if (flushIntervalMillis < 1 || flushIntervalMillis > MAX_FLUSH_INTERVAL_MILLIS) {
            throw new ConfigException(
                    "flushIntervalMillis", "an integer from 1 to " + MAX_FLUSH_INTERVAL_MILLIS, flushIntervalMillis);
        }
        if (maxBufferedCandles < 1 || maxBufferedCandles > MAX_BUFFERED_CANDLES) {
            throw new ConfigException(
                    "maxBufferedCandles", "an integer from 1 to " + MAX_BUFFERED_CANDLES, maxBufferedCandles);
        }
    }

    /** A config whose outbox lives under the data directory, without compaction (a one-off writer's). */
    public RecorderConfig(Path dataDir, long flushIntervalMillis, int maxBufferedCandles) {
        this(dataDir, flushIntervalMillis, maxBufferedCandles, null, CompactionConfig.OFF);
    }

    /** A config without compaction (a one-off writer's, such as backfill's). */
    public RecorderConfig(Path dataDir, long flushIntervalMillis, int maxBufferedCandles, Path outboxDir) {
        this(dataDir, flushIntervalMillis, maxBufferedCandles, outboxDir, CompactionConfig.OFF);
    }

    /**
     * Returns the defaults: {@code ./data}, a write every 2 s, an early write at 10,000 buffered candles, the
     * outbox under the data directory, compaction on ({@link CompactionConfig#defaults()}).
     */
    public static RecorderConfig defaults() {
        return new RecorderConfig(Path.of("./data"), 2000L, 10_000, null, CompactionConfig.defaults());
    }

    /** Returns this config with another data directory (an outbox left at its default moves with it). */
    public RecorderConfig withDataDir(Path newDataDir) {
        return new RecorderConfig(newDataDir, flushIntervalMillis, maxBufferedCandles, outboxDir, compaction);
    }

    /** Returns this config with another compaction setting. */
    public RecorderConfig withCompaction(CompactionConfig newCompaction) {
        return new RecorderConfig(dataDir, flushIntervalMillis, maxBufferedCandles, outboxDir, newCompaction);
    }

    /** Returns the directory unacknowledged candles are kept in at shutdown: {@code outboxDir} or {@code dataDir/outbox}. */
    public Path effectiveOutboxDir() {
        return outboxDir != null ? outboxDir : dataDir.resolve("outbox");
    }

    /**
     * Reads a config from {@code json}, starting from the defaults; {@code path} (e.g. {@code recorder})
     * prefixes the field names in errors. Throws {@link ConfigException} on a bad value or unknown key.
     */
    public static RecorderConfig fromJson(JsonObject json, String path) {
        RecorderConfig d = defaults();
        if (json == null) {
            return d;
        }
        ConfigReader r = new ConfigReader(json, path, KEYS);
        return new RecorderConfig(
                directory(json, path, "dataDir", d.dataDir()),
                r.longValue("flushIntervalMillis", d.flushIntervalMillis(), 1, MAX_FLUSH_INTERVAL_MILLIS),
                (int) r.longValue("maxBufferedCandles", d.maxBufferedCandles(), 1, MAX_BUFFERED_CANDLES),
                directory(json, path, "outboxDir", null),
                CompactionConfig.fromJson(json.getValue("compaction"), path + ".compaction"));
    }

    private static Path directory(JsonObject json, String path, String key, Path fallback) {
        if (!json.containsKey(key)) {
            return fallback;
        }
        Object value = json.getValue(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw ConfigReader.invalid(path + "." + key, "a directory path as non-blank text", value);
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw ConfigReader.invalid(path + "." + key, "a valid directory path", value);
        }
    }
}
