package io.candlebus.order;

import io.candlebus.contract.ConfigException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the venues' API keys from the environment, the only place keys may come from (never the config
 * file, the command line or a data file). A venue with neither variable set has no keys; a venue with
 * only one of its two variables set, or one set blank, is a mistake, reported by the variable's name.
 */
public final class VenueKeys {
    /** Bithumb's access key. */
    public static final String BITHUMB_ACCESS_KEY = "CANDLEBUS_BITHUMB_ACCESS_KEY";
    /** Bithumb's secret key. */
    public static final String BITHUMB_SECRET_KEY = "CANDLEBUS_BITHUMB_SECRET_KEY";
    /** Binance's API key (spot, USDT-M and COIN-M share it). */
    public static final String BINANCE_API_KEY = "CANDLEBUS_BINANCE_API_KEY";
    /** Binance's API secret. */
    public static final String BINANCE_API_SECRET = "CANDLEBUS_BINANCE_API_SECRET";

    private VenueKeys() {}

    /** Returns Bithumb's keys from {@code env}, or empty when neither variable is set. */
    public static Optional<ApiCredentials> bithumb(Map<String, String> env) {
        return pair(env, BITHUMB_ACCESS_KEY, BITHUMB_SECRET_KEY, "Bithumb");
    }

    /** Returns Binance's keys from {@code env}, or empty when neither variable is set. */
    public static Optional<ApiCredentials> binance(Map<String, String> env) {
        return pair(env, BINANCE_API_KEY, BINANCE_API_SECRET, "Binance");
    }

    /** Returns Bithumb's keys, or throws a {@link ConfigException} naming the first missing variable. */
    public static ApiCredentials requireBithumb(Map<String, String> env) {
        return require(env, BITHUMB_ACCESS_KEY, BITHUMB_SECRET_KEY, "Bithumb");
    }

    /** Returns Binance's keys, or throws a {@link ConfigException} naming the first missing variable. */
    public static ApiCredentials requireBinance(Map<String, String> env) {
        return require(env, BINANCE_API_KEY, BINANCE_API_SECRET, "Binance");
    }

    private static Optional<ApiCredentials> pair(
            Map<String, String> env, String keyVar, String secretVar, String venue) {
        // A variable set to blank is a mistake to report, not an absence.
        if (env.get(keyVar) == null && env.get(secretVar) == null) {
            return Optional.empty();
        }
        return Optional.of(require(env, keyVar, secretVar, venue));
    }

    private static ApiCredentials require(Map<String, String> env, String keyVar, String secretVar, String venue) {
        for (String name : new String[] {keyVar, secretVar}) {
            if (blank(env.get(name))) {
                // Only the variable's name and whether it is set: never any part of a value.
                throw new ConfigException(
                        name,
                        "the " + venue + " API key in the environment",
                        env.get(name) == null ? "unset" : "blank");
            }
        }
        return new ApiCredentials(env.get(keyVar), env.get(secretVar));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
