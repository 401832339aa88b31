package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Names what a node runs; a node runs any subset, all of them by default. */
public enum Role {
    MARKET,
    STRATEGY,
    ORDER,
    RECORDER,
    HTTP,
    ALERTS;

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
            return EnumSet.allOf(Role.class);
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
