package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Names what a node runs; a node runs any subset, all of them by default. {@code market} runs the feeds and the
 * candle aggregation; {@code feeds} (the feed verticles and the subscription owner) and {@code candles} (the
 * candle shards and their recorder outboxes) run one half each, so the halves can live on different nodes.
 */
public enum Role {
    MARKET,
    STRATEGY,
    ORDER,
    RECORDER,
    HTTP,
    ALERTS,
    FEEDS,
    CANDLES;

    /** What {@code all} means: every role, the market as one ({@code feeds} and {@code candles} are its halves). */
    public static Set<Role> all() {
        return EnumSet.of(MARKET, STRATEGY, ORDER, RECORDER, HTTP, ALERTS);
    }

    /** Returns whether {@code roles} run the feeds ({@code market} or {@code feeds}). */
    public static boolean runsFeeds(Set<Role> roles) {
        return roles.contains(MARKET) || roles.contains(FEEDS);
    }

    /** Returns whether {@code roles} run the candle shards ({@code market} or {@code candles}). */
    public static boolean runsCandles(Set<Role> roles) {
        return roles.contains(MARKET) || roles.contains(CANDLES);
    }

    /** Returns the lower-case name used in configuration and on the command line. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a comma-separated role list such as {@code market,strategy}; {@code all} means every role. */
    public static Set<Role> parseList(String text, String path) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(path, "a comma-separated list of " + names() + " or all", text);
        }
        if (text.trim().equals("all")) {
            return all();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : text.split(",")) {
            roles.add(parse(part.trim(), path));
        }
        return roles;
    }

    /** Parses one role name. */
    public static Role parse(String text, String path) {
        for (Role r : values()) {
            if (r.wireName().equals(text)) {
                return r;
            }
        }
        throw new ConfigException(path, "one of " + names() + " or all", text);
    }

    private static String names() {
        return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
    }
}
