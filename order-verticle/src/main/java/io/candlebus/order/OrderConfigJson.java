package io.candlebus.order;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Instrument;
import io.candlebus.order.paper.PaperSettings;
import io.candlebus.order.pnl.DailyLossLimit;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an {@link OrderConfig} from its JSON form (the {@code order} block of the node's config): every key
 * checked, every error naming the field and what was expected. Kept apart from the record so the record
 * stays about what the settings mean.
 */
final class OrderConfigJson {
    private static final Set<String> KEYS = Set.of(
            "mode",
            "tradeSignals",
            "maxOrdersPerMinute",
            "maxSignalAgeMillis",
            "defaults",
            "instruments",
            "bithumb",
            "binance",
            "journalDir",
            "pollMillis",
            "lookupDeadlineMillis",
            "killSwitch",
            "paper",
            "risk",
            RiskSettings.KEY);
    private static final Set<String> SETTINGS_KEYS =
            Set.of("quantity", "maxOrderQuantity", "maxPosition", "maxNotional");

    private OrderConfigJson() {}

    /**
     * Reads a config from {@code json}, starting from the defaults; {@code path} (e.g. {@code order})
     * prefixes the field names in errors. Throws {@link ConfigException} on a bad value or unknown key.
     */
    static OrderConfig read(JsonObject json, String path) {
        OrderConfig d = OrderConfig.defaults();
        if (json == null) {
            return d;
        }
        rejectUnknownKeys(json, path, KEYS);
        Object modeValue = json.getValue("mode", d.mode());
        if (!OrderConfig.PAPER.equals(modeValue) && !OrderConfig.LIVE.equals(modeValue)) {
            throw new ConfigException(path + ".mode", OrderConfig.MODES, modeValue);
        }
        String mode = (String) modeValue;
        Object trade = json.getValue("tradeSignals", d.tradeSignals());
        if (!(trade instanceof Boolean tradeSignals)) {
            throw new ConfigException(path + ".tradeSignals", "true or false", trade);
        }
        Object perMinute = json.getValue("maxOrdersPerMinute", d.maxOrdersPerMinute());
        if (!(perMinute instanceof Integer maxOrdersPerMinute) || maxOrdersPerMinute < 1) {
            throw new ConfigException(path + ".maxOrdersPerMinute", "an integer from 1 to 2147483647", perMinute);
        }
        Object age = json.getValue("maxSignalAgeMillis", d.maxSignalAgeMillis());
        if (!(age instanceof Number n) || n.longValue() < 0 || n.doubleValue() != n.longValue()) {
            throw new ConfigException(path + ".maxSignalAgeMillis", "an integer >= 0", age);
        }
        long maxSignalAgeMillis = ((Number) age).longValue();
        InstrumentSettings defaults = settings(object(json, path, "defaults"), path + ".defaults", d.defaultSettings());
        Map<Instrument, InstrumentSettings> instruments = new TreeMap<>();
        JsonObject entries = object(json, path, "instruments");
        for (String key : entries.fieldNames()) {
            String entryPath = path + ".instruments." + key;
            Instrument instrument;
            try {
                instrument = Instrument.parse(key);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(entryPath + ": expected an instrument key such as binance:spot:BTCUSDT ("
                        + e.getMessage() + ")");
            }
            instruments.put(instrument, settings(object(entries, path + ".instruments", key), entryPath, defaults));
        }
        OrderEndpoints endpoints = endpoints(json, path);
        Object dir = json.getValue("journalDir");
        if (dir != null && (!(dir instanceof String s) || s.isBlank())) {
            throw new ConfigException(path + ".journalDir", "a directory path", dir);
        }
        long pollMillis = millis(json, path, "pollMillis", OrderConfig.DEFAULT_POLL_MILLIS, 10);
        long lookupDeadlineMillis =
                millis(json, path, "lookupDeadlineMillis", OrderConfig.DEFAULT_LOOKUP_DEADLINE_MILLIS, 0);
        Object kill = json.getValue("killSwitch", false);
        if (!(kill instanceof Boolean killSwitch)) {
            throw new ConfigException(path + ".killSwitch", "true or false", kill);
        }
        PaperSettings paper = PaperSettings.fromJson(json.getValue("paper"), path + ".paper");
        JsonObject riskObject = object(json, path, "risk");
        rejectUnknownKeys(riskObject, path + ".risk", Set.of("maxDailyLoss"));
        DailyLossLimit maxDailyLoss =
                DailyLossLimit.fromJson(riskObject.getValue("maxDailyLoss"), path + ".risk.maxDailyLoss");
        RiskSettings risk = RiskSettings.fromJson(json, path);
        try {
            return new OrderConfig(
                    mode,
                    tradeSignals,
                    maxOrdersPerMinute,
                    maxSignalAgeMillis,
                    defaults,
                    instruments,
                    endpoints,
                    (String) dir,
                    pollMillis,
                    lookupDeadlineMillis,
                    killSwitch,
                    paper,
                    maxDailyLoss,
                    risk);
        } catch (ConfigException e) {
            throw new ConfigException(path + "." + e.getMessage());
        }
    }

    private static OrderEndpoints endpoints(JsonObject json, String path) {
        JsonObject bithumb = object(json, path, "bithumb");
        rejectUnknownKeys(bithumb, path + ".bithumb", Set.of("restUrl"));
        JsonObject binance = object(json, path, "binance");
        rejectUnknownKeys(binance, path + ".binance", Set.of("spot", "usdm", "coinm"));
        return new OrderEndpoints(
                url(bithumb, path + ".bithumb"),
                url(object(binance, path + ".binance", "spot"), path + ".binance.spot"),
                url(object(binance, path + ".binance", "usdm"), path + ".binance.usdm"),
                url(object(binance, path + ".binance", "coinm"), path + ".binance.coinm"));
    }

    private static String url(JsonObject json, String path) {
        rejectUnknownKeys(json, path, Set.of("restUrl"));
        Object value = json.getValue("restUrl");
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new ConfigException(path + ".restUrl", "an http:// or https:// URL", value);
        }
        return OrderEndpoints.check(s, path + ".restUrl");
    }

    private static long millis(JsonObject json, String path, String key, long fallback, long min) {
        Object value = json.getValue(key, fallback);
        if (!(value instanceof Number n)
                || n.doubleValue() != n.longValue()
                || n.longValue() < min
                || n.longValue() > 3_600_000) {
            throw new ConfigException(path + "." + key, "an integer from " + min + " to 3600000", value);
        }
        return n.longValue();
    }

    private static InstrumentSettings settings(JsonObject json, String path, InstrumentSettings fallback) {
        rejectUnknownKeys(json, path, SETTINGS_KEYS);
        return new InstrumentSettings(
                decimal(json, path, "quantity", fallback.quantity()),
                decimal(json, path, "maxOrderQuantity", fallback.maxOrderQuantity()),
                decimal(json, path, "maxPosition", fallback.maxPosition()),
                decimal(json, path, "maxNotional", fallback.maxNotional()));
    }

    private static JsonObject object(JsonObject json, String path, String key) {
        Object value = json.getValue(key);
        if (value == null) {
            return new JsonObject();
        }
        if (!(value instanceof JsonObject object)) {
            throw new ConfigException(path + "." + key, "a JSON object", value);
        }
        return object;
    }

    private static BigDecimal decimal(JsonObject json, String path, String key, BigDecimal fallback) {
        Object value = json.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String || value instanceof Number) {
            try {
                return new BigDecimal(value.toString());
            } catch (NumberFormatException e) {
                // Reported below with the field's path.
            }
        }
        throw new ConfigException(path + "." + key, "a decimal such as \"0.001\"", value);
    }

    private static void rejectUnknownKeys(JsonObject json, String path, Set<String> known) {
        for (String key : json.fieldNames()) {
            if (!known.contains(key)) {
                throw new ConfigException(path + "." + key + ": unknown key, expected one of "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }
}
