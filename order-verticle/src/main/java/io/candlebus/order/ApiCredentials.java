package io.candlebus.order;

import java.util.Objects;

/**
 * One venue's API key pair. {@link #toString()} never shows either part, so a credentials object that
 * ends up in a log line, an exception or {@code /status} reveals nothing.
 *
 * @param key the public part: Bithumb's access key, Binance's API key
 * @param secret the signing secret: Bithumb's secret key, Binance's API secret
 */
public record ApiCredentials(String key, String secret) {

    public ApiCredentials {
        Objects.requireNonNull(key, "apiCredentials.key: expected a key, was null");
        Objects.requireNonNull(secret, "apiCredentials.secret: expected a secret, was null");
        if (key.isBlank()) {
            throw new IllegalArgumentException("apiCredentials.key: expected a non-blank key, was blank");
        }
        if (secret.isBlank()) {
            throw new IllegalArgumentException("apiCredentials.secret: expected a non-blank secret, was blank");
        }
    }

    @Override
    public String toString() {
        return "ApiCredentials[key=<redacted>, secret=<redacted>]";
    }
}
