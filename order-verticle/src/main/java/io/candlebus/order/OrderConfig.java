package io.candlebus.order;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Instrument;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Configures the order verticle. JSON form, every key optional:
 *
 * <pre>{@code
 * {"mode": "paper", "tradeSignals": true, "maxOrdersPerMinute": 10, "maxSignalAgeMillis": 60000,
 *  "defaults": {"quantity": "0.001", "maxOrderQuantity": "0.01", "maxPosition": "0.01"},
 *  "instruments": {"bithumb:spot:KRW-XRP": {"quantity": "100", "maxOrderQuantity": "1000", "maxPosition": "1000"}}}
 * }</pre>
 *
 * <p>Decimals may be JSON strings (exact, preferred) or numbers. An instrument entry overrides only the
 * fields it gives. The defaults size orders for BTC (0.001 BTC, about 87 USDT or 130,000 KRW); any other
 * asset needs its own entry, and a COIN-M entry counts contracts.
 *
 * @param mode {@code paper} (the only mode for now: live brokers come in a later issue)
 * @param tradeSignals whether signals become orders (default true); {@code orders.submit} works either way
 * @param maxOrdersPerMinute most orders sent to the broker in any 60 s, all instruments together
 *     (default 10)
 * @param maxSignalAgeMillis a signal whose candle closed longer ago than this (by the clock) is not
 *     traded: history replayed at start-up or after a gap fill raises signals that are no longer actionable
 *     (default 60000)
 * @param defaultSettings sizing and limits of instruments without an entry (JSON key {@code defaults})
 * @param instruments sizing and limits per instrument
 */
public record OrderConfig(
        String mode,
        boolean tradeSignals,
        int maxOrdersPerMinute,
        long maxSignalAgeMillis,
        InstrumentSettings defaultSettings,
        Map<Instrument, InstrumentSettings> instruments) {

    /** The paper mode: orders are filled by {@code PaperBroker}, nothing reaches a venue. */
    public static final String PAPER = "paper";

    private static final Set<String> KEYS =
            Set.of("mode", "tradeSignals", "maxOrdersPerMinute", "maxSignalAgeMillis", "defaults", "instruments");
    private static final Set<String> SETTINGS_KEYS = Set.of("quantity", "maxOrderQuantity", "maxPosition");

    public OrderConfig {
        if (!PAPER.equals(mode)) {
            throw new ConfigException("mode", "'paper' (live brokers come in a later issue)", mode);
        }
        if (maxOrdersPerMinute < 1) {
            throw new ConfigException("maxOrdersPerMinute", "an integer >= 1", maxOrdersPerMinute);
        }
        if (maxSignalAgeMillis < 0) {
            throw new ConfigException("maxSignalAgeMillis", "an integer >= 0", maxSignalAgeMillis);
        }
        check(defaultSettings, "defaults");
        instruments = Map.copyOf(instruments);
        instruments.forEach((instrument, settings) -> check(settings, "instruments." + instrument.key()));
    }

    /** Returns paper mode, signals traded, 10 orders a minute, 0.001 per order, 0.01 per order and position. */
    public static OrderConfig defaults() {
        return new OrderConfig(
                PAPER,
                true,
                10,
                60_000L,
                new InstrumentSettings(new BigDecimal("0.001"), new BigDecimal("0.01"), new BigDecimal("0.01")),
                Map.of());
    }

    /** Returns the sizing and limits of {@code instrument}: its entry, else the defaults. */
    public InstrumentSettings settingsFor(Instrument instrument) {
        return instruments.getOrDefault(instrument, defaultSettings);
    }

    /**
     * Reads a config from {@code json}, starting from the defaults; {@code path} (e.g. {@code order})
     * prefixes the field names in errors. Throws {@link ConfigException} on a bad value or unknown key.
     */
    public static OrderConfig fromJson(JsonObject json, String path) {
        OrderConfig d = defaults();
        if (json == null) {
            return d;
        }
        rejectUnknownKeys(json, path, KEYS);
        Object mode = json.getValue("mode", d.mode());
        if (!PAPER.equals(mode)) {
            throw new ConfigException(path + ".mode", "'paper' (live brokers come in a later issue)", mode);
        }
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
        try {
            return new OrderConfig(PAPER, tradeSignals, maxOrdersPerMinute, maxSignalAgeMillis, defaults, instruments);
        } catch (ConfigException e) {
            throw new ConfigException(path + "." + e.getMessage());
        }
    }

    private static InstrumentSettings settings(JsonObject json, String path, InstrumentSettings fallback) {
        rejectUnknownKeys(json, path, SETTINGS_KEYS);
        return new InstrumentSettings(
                decimal(json, path, "quantity", fallback.quantity()),
                decimal(json, path, "maxOrderQuantity", fallback.maxOrderQuantity()),
                decimal(json, path, "maxPosition", fallback.maxPosition()));
    }

    private static void check(InstrumentSettings settings, String path) {
        if (settings.quantity().signum() <= 0) {
            throw new ConfigException(
                    path + ".quantity", "a decimal > 0", settings.quantity().toPlainString());
        }
        if (settings.maxOrderQuantity().signum() <= 0) {
            throw new ConfigException(
                    path + ".maxOrderQuantity",
                    "a decimal > 0",
                    settings.maxOrderQuantity().toPlainString());
        }
        if (settings.maxPosition().signum() <= 0) {
            throw new ConfigException(
                    path + ".maxPosition",
                    "a decimal > 0",
                    settings.maxPosition().toPlainString());
        }
        if (settings.quantity().compareTo(settings.maxOrderQuantity()) > 0) {
            // Otherwise every order a signal places would be rejected by the risk check.
            throw new ConfigException(
                    path + ".quantity",
                    "at most maxOrderQuantity " + settings.maxOrderQuantity().toPlainString(),
                    settings.quantity().toPlainString());
        }
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
