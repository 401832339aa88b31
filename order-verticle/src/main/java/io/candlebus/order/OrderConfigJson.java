package io.candlebus.order;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.ConfigReader;
import io.candlebus.contract.Instrument;
import io.candlebus.order.paper.PaperSettings;
import io.candlebus.order.pnl.DailyLossLimit;
import io.vertx.core.json.JsonObject;
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
        ConfigReader r = new ConfigReader(json, path, KEYS);
        Object modeValue = json.getValue("mode", d.mode());
        if (!OrderConfig.PAPER.equals(modeValue) && !OrderConfig.LIVE.equals(modeValue)) {
            throw new ConfigException(path + ".mode", OrderConfig.MODES, modeValue);
        }
        String mode = (String) modeValue;
        boolean tradeSignals = r.bool("tradeSignals", d.tradeSignals());
        int maxOrdersPerMinute = r.integer("maxOrdersPerMinute", d.maxOrdersPerMinute(), 1, Integer.MAX_VALUE);
        long maxSignalAgeMillis = r.longAtLeast("maxSignalAgeMillis", d.maxSignalAgeMillis(), 0);
        InstrumentSettings defaults = settings(r.object("defaults"), r.at("defaults"), d.defaultSettings());
        Map<Instrument, InstrumentSettings> instruments = new TreeMap<>();
        ConfigReader entries = ConfigReader.anyKeys(r.object("instruments"), r.at("instruments"));
        for (String key : r.object("instruments").fieldNames()) {
            String entryPath = path + ".instruments." + key;
            Instrument instrument;
            try {
                instrument = Instrument.parse(key);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(entryPath + ": expected an instrument key such as binance:spot:BTCUSDT ("
                        + e.getMessage() + ")");
            }
            instruments.put(instrument, settings(entries.object(key), entryPath, defaults));
        }
        OrderEndpoints endpoints = endpoints(r);
        Object dir = json.getValue("journalDir");
        if (dir != null && (!(dir instanceof String s) || s.isBlank())) {
            throw ConfigReader.invalid(r.at("journalDir"), "a directory path", dir);
        }
        long pollMillis = r.longValue("pollMillis", OrderConfig.DEFAULT_POLL_MILLIS, 10, 3_600_000);
        long lookupDeadlineMillis =
                r.longValue("lookupDeadlineMillis", OrderConfig.DEFAULT_LOOKUP_DEADLINE_MILLIS, 0, 3_600_000);
        boolean killSwitch = r.bool("killSwitch", false);
        PaperSettings paper = PaperSettings.fromJson(json.getValue("paper"), path + ".paper");
        ConfigReader riskReader = r.child("risk", Set.of("maxDailyLoss"));
        DailyLossLimit maxDailyLoss =
                DailyLossLimit.fromJson(riskReader.value("maxDailyLoss"), riskReader.at("maxDailyLoss"));
        RiskSettings risk = RiskSettings.fromJson(json, path);
        try {
            return d.toBuilder()
                    .mode(mode)
                    .tradeSignals(tradeSignals)
                    .maxOrdersPerMinute(maxOrdersPerMinute)
                    .maxSignalAgeMillis(maxSignalAgeMillis)
                    .defaultSettings(defaults)
                    .instruments(instruments)
                    .endpoints(endpoints)
                    .journalDir((String) dir)
                    .pollMillis(pollMillis)
                    .lookupDeadlineMillis(lookupDeadlineMillis)
                    .killSwitch(killSwitch)
                    .paper(paper)
                    .maxDailyLoss(maxDailyLoss)
                    .risk(risk)
                    .build();
        } catch (ConfigException e) {
            throw new ConfigException(path + "." + e.getMessage());
        }
    }

    private static OrderEndpoints endpoints(ConfigReader r) {
        ConfigReader bithumb = r.child("bithumb", Set.of("restUrl"));
        ConfigReader binance = r.child("binance", Set.of("spot", "usdm", "coinm"));
        return new OrderEndpoints(
                url(bithumb),
                url(binance.child("spot", Set.of("restUrl"))),
                url(binance.child("usdm", Set.of("restUrl"))),
                url(binance.child("coinm", Set.of("restUrl"))));
    }

    private static String url(ConfigReader r) {
        Object value = r.value("restUrl");
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw ConfigReader.invalid(r.at("restUrl"), "an http:// or https:// URL", value);
        }
        return OrderEndpoints.check(s, r.at("restUrl"));
    }

    private static InstrumentSettings settings(JsonObject json, String path, InstrumentSettings fallback) {
        ConfigReader r = new ConfigReader(json, path, SETTINGS_KEYS);
        return new InstrumentSettings(
                r.decimal("quantity", fallback.quantity()),
                r.decimal("maxOrderQuantity", fallback.maxOrderQuantity()),
                r.decimal("maxPosition", fallback.maxPosition()),
                r.decimal("maxNotional", fallback.maxNotional()));
    }
}
