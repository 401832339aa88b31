package io.candlebus.strategy;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Configures the moving averages the {@code sma_cross} rule compares.
 *
 * @param fast candles the fast simple moving average spans (default 5, at least 1)
 * @param slow candles the slow one spans (default 20, more than {@code fast}, at most 10000)
 */
public record SmaConfig(int fast, int slow) {
    private static final Set<String> KEYS = Set.of("fast", "slow");
    private static final int MAX = 10_000;

    public SmaConfig {
        if (fast < 1 || fast >= MAX) {
            throw new ConfigException("fast", "an integer from 1 to " + (MAX - 1), fast);
        }
        if (slow <= fast || slow > MAX) {
            throw new ConfigException("slow", "an integer above fast (" + fast + ") up to " + MAX, slow);
        }
    }

    /** Returns the defaults: 5 and 20 candles. */
    public static SmaConfig defaults() {
        return new SmaConfig(5, 20);
    }

    /**
     * Reads the averages from {@code json}, starting from the defaults; {@code path} (e.g.
     * {@code strategy.sma}) prefixes the field names in errors.
     */
    public static SmaConfig fromJson(JsonObject json, String path) {
        SmaConfig d = defaults();
        if (json == null) {
            return d;
        }
        ConfigReader r = new ConfigReader(json, path, KEYS);
        int fast = r.integer("fast", d.fast(), 1, MAX - 1);
        int slow = r.integer("slow", d.slow(), 2, MAX);
        if (slow <= fast) {
            throw new ConfigException(path + ".slow", "an integer above fast (" + fast + ")", slow);
        }
        return new SmaConfig(fast, slow);
    }
}
