package io.candlebus.strategy;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.ConfigReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Configures the strategy: the bands, the signal rules and how live bands are published.
 *
 * @param period closes the Bollinger bands span (default 20, at least 2)
 * @param k band width in population standard deviations (default 2, finite and >= 0)
 * @param cooldownCandles candles after a signal that raise no further signal, of any rule, on the same
 *     instrument and interval (default 0)
 * @param publishLive whether live (intrabar) bands are published for candles in progress (default true)
 * @param liveThrottleMillis least time between two live bands of one instrument and interval, by the
 *     clock; live candles arriving sooner are skipped (default 0: every live candle, the aggregator
 *     already throttles them)
 * @param priceSource the candle price the bands and the moving averages follow (default close)
 * @param rules the signal rules in force (default band_cross only; may be empty: bands, no signals)
 * @param sma the moving averages of the sma_cross rule (default 5 and 20)
 */
public record StrategyConfig(
        int period,
        double k,
        int cooldownCandles,
        boolean publishLive,
        long liveThrottleMillis,
        PriceSource priceSource,
        Set<SignalRule> rules,
        SmaConfig sma) {

    private static final Set<String> KEYS = Set.of(
            "period", "k", "cooldownCandles", "publishLive", "liveThrottleMillis", "priceSource", "rules", "sma");

    public StrategyConfig {
        if (period < 2) {
            throw new ConfigException("period", "an integer >= 2", period);
        }
        if (!Double.isFinite(k) || k < 0) {
            throw new ConfigException("k", "a finite number >= 0", k);
        }
        if (cooldownCandles < 0) {
            throw new ConfigException("cooldownCandles", "an integer >= 0", cooldownCandles);
        }
        if (liveThrottleMillis < 0) {
            throw new ConfigException("liveThrottleMillis", "an integer >= 0", liveThrottleMillis);
        }
        Objects.requireNonNull(priceSource, "priceSource");
        Objects.requireNonNull(sma, "sma");
        rules = ruleSet(Objects.requireNonNull(rules, "rules"));
    }

    /** Creates a config with the close as price source, the band cross rule only and the default averages. */
    public StrategyConfig(int period, double k, int cooldownCandles, boolean publishLive, long liveThrottleMillis) {
        this(
                period,
                k,
                cooldownCandles,
                publishLive,
                liveThrottleMillis,
                PriceSource.CLOSE,
                Set.of(SignalRule.BAND_CROSS),
                SmaConfig.defaults());
    }

    /**
     * Returns the defaults: 20 periods, k = 2, no cooldown, live bands on, no extra throttle, bands of
     * the close, the band cross rule only, SMA 5 and 20.
     */
    public static StrategyConfig defaults() {
        return new StrategyConfig(20, 2.0, 0, true, 0);
    }

    /** Returns this config with {@code rules} in force instead. */
    public StrategyConfig withRules(Collection<SignalRule> newRules) {
        return new StrategyConfig(
                period, k, cooldownCandles, publishLive, liveThrottleMillis, priceSource, Set.copyOf(newRules), sma);
    }

    /**
     * Reads a config from {@code json}, starting from the defaults; {@code path} (e.g. {@code strategy})
     * prefixes the field names in errors. Throws {@link ConfigException} on a bad value or unknown key.
     */
    public static StrategyConfig fromJson(JsonObject json, String path) {
        StrategyConfig d = defaults();
        if (json == null) {
            return d;
        }
        ConfigReader r = new ConfigReader(json, path, KEYS);
        return new StrategyConfig(
                r.integer("period", d.period(), 2, 10_000),
                r.numberAtLeast("k", d.k(), 0),
                r.integer("cooldownCandles", d.cooldownCandles(), 0, 1_000_000),
                r.bool("publishLive", d.publishLive()),
                r.longValue("liveThrottleMillis", d.liveThrottleMillis(), 0, 86_400_000L),
                priceSource(json, path, d.priceSource()),
                rules(json, path, d.rules()),
                sma(json, path));
    }

    private static PriceSource priceSource(JsonObject json, String path, PriceSource fallback) {
        Object value = json.getValue("priceSource");
        if (value == null) {
            return fallback;
        }
        for (PriceSource source : PriceSource.values()) {
            if (source.code().equals(value)) {
                return source;
            }
        }
        throw new ConfigException(path + ".priceSource", "one of " + PriceSource.codes(), value);
    }

    private static Set<SignalRule> rules(JsonObject json, String path, Set<SignalRule> fallback) {
        Object value = json.getValue("rules");
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof JsonArray array)) {
            throw new ConfigException(path + ".rules", "an array of rule names (" + SignalRule.codes() + ")", value);
        }
        Set<SignalRule> rules = EnumSet.noneOf(SignalRule.class);
        for (int i = 0; i < array.size(); i++) {
            Object name = array.getValue(i);
            SignalRule rule = null;
            for (SignalRule r : SignalRule.values()) {
                if (r.code().equals(name)) {
                    rule = r;
                }
            }
            String at = path + ".rules[" + i + "]";
            if (rule == null) {
                throw new ConfigException(at, "one of " + SignalRule.codes(), name);
            }
            if (!rules.add(rule)) {
                throw new ConfigException(at, "each rule at most once", name);
            }
        }
        return rules;
    }

    private static SmaConfig sma(JsonObject json, String path) {
        Object value = json.getValue("sma");
        if (value != null && !(value instanceof JsonObject)) {
            throw new ConfigException(path + ".sma", "an object with fast and slow", value);
        }
        return SmaConfig.fromJson((JsonObject) value, path + ".sma");
    }

    private static Set<SignalRule> ruleSet(Set<SignalRule> rules) {
        // An EnumSet iterates in declaration order: rules are evaluated, and signals listed, in that order.
        Set<SignalRule> copy = EnumSet.noneOf(SignalRule.class);
        for (SignalRule rule : rules) {
            copy.add(Objects.requireNonNull(rule, "rules: expected rule names, was null"));
        }
        return Collections.unmodifiableSet(copy);
    }
}
