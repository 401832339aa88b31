package io.candlebus.contract;

/**
 * A configuration value is missing or wrong. The message names the field by its full path and says
 * what was expected and what was found, e.g. {@code market.bithumb.wsUrl: expected a ws:// or wss://
 * URL, was 'foo'}.
 */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String path, String expected, Object was) {
        super(path + ": expected " + expected + ", was " + (was instanceof String ? "'" + was + "'" : was));
    }

    public ConfigException(String message) {
        super(message);
    }
}
