package io.candlebus.sim;

import io.candlebus.contract.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Chooses which of two forms the simulator writes where the venues' docs and their real messages
 * disagree, so a client is tested against both. {@link #real()}, the default, is what the live venues
 * were seen to send in 2026; {@link #alternate()} is every other form (mostly what the docs show).
 *
 * @param bithumbStringSequentialIds Bithumb trade {@code sequential_id} as a JSON string
 *     ({@code "17672256001230001"}, as real trade messages carry it) rather than a number (the docs)
 * @param bithumbEmptyDelistingDates Bithumb ticker {@code delisting_date} as {@code ""} (real messages)
 *     rather than {@code null} (the docs' example)
 * @param bithumbRestNumericStrings every number of the Bithumb REST candles and tickers as a numeric
 *     string ({@code "131250000"}), the form Bithumb's {@code /v1/trades/ticks} uses, rather than a JSON
 *     number (the form its candle and ticker pages show, so false in {@link #real()})
 * @param bithumbNumericErrorNames a Bithumb error named after an HTTP status (the ticker's unknown code,
 *     404) carries the number in {@code name} ({@code "name":404}, seen in real replies) rather than the
 *     string {@code "404"}; named errors ({@code invalid_parameter}, {@code WRONG_FORMAT}) stay strings
 * @param binanceWrappedErrors Binance websocket errors wrapped next to the request id,
 *     {@code {"error":{"code":2,"msg":"..."},"id":2}} (the real websocket shape), rather than flat
 *     {@code {"code":2,"msg":"...","id":2}} (the REST shape)
 */
public record WireForms(
        boolean bithumbStringSequentialIds,
        boolean bithumbEmptyDelistingDates,
        boolean bithumbRestNumericStrings,
        boolean bithumbNumericErrorNames,
        boolean binanceWrappedErrors) {

    private static final Set<String> KEYS = Set.of(
            "bithumbStringSequentialIds",
            "bithumbEmptyDelistingDates",
            "bithumbRestNumericStrings",
            "bithumbNumericErrorNames",
            "binanceWrappedErrors");

    /** Returns the forms the live venues send: the default. */
    public static WireForms real() {
        return new WireForms(true, true, false, true, true);
    }

    /** Returns the other form of each choice: numeric ids, null dates, REST strings, string names, flat errors. */
    public static WireForms alternate() {
        return new WireForms(false, false, true, false, false);
    }

    /**
     * Reads forms from JSON (booleans named like the record's fields), starting from {@code defaults};
     * unknown keys and non-boolean values are errors naming {@code path}.
     */
    static WireForms fromJson(JsonObject json, WireForms defaults, String path) {
        if (json == null) {
            return defaults;
        }
        ConfigReader.requireKnownKeys(json, path, KEYS);
        for (String key : json.fieldNames()) {
            if (!(json.getValue(key) instanceof Boolean)) {
                throw ConfigReader.invalid(path + "." + key, "true or false", json.getValue(key));
            }
        }
        return new WireForms(
                json.getBoolean("bithumbStringSequentialIds", defaults.bithumbStringSequentialIds()),
                json.getBoolean("bithumbEmptyDelistingDates", defaults.bithumbEmptyDelistingDates()),
                json.getBoolean("bithumbRestNumericStrings", defaults.bithumbRestNumericStrings()),
                json.getBoolean("bithumbNumericErrorNames", defaults.bithumbNumericErrorNames()),
                json.getBoolean("binanceWrappedErrors", defaults.binanceWrappedErrors()));
    }
}
