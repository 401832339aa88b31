package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.PrintableText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Checks on configuration text that the typed readers cannot make: host names and addresses, cluster
 * member lists, node names, and control characters anywhere in the tree. None of them asks DNS.
 */
final class ConfigChecks {
    /** Node and cluster names: printable, no spaces or slashes, so they cannot forge log lines or paths. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@:+-]{1,100}");

    static final String NAME_RULE = "1 to 100 of the characters A-Z a-z 0-9 . _ @ : + -";

    private static final String HOST_RULE = "an IPv4 address such as 127.0.0.1, an IPv6 address or a host name";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4_SHAPE = Pattern.compile("[0-9.]+");

    private ConfigChecks() {}

    /** Returns {@code name} if it is a valid node or cluster name. */
    static String name(String path, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException(path, NAME_RULE, printable(name));
        }
        return name;
    }

    /** Returns {@code host} if it is an IPv4 or IPv6 literal or a syntactically valid host name (RFC 1123). */
    static String host(String path, String host) {
        if (host.indexOf(':') >= 0) {
            ipv6(path, host, HOST_RULE);
        } else if (IPV4_SHAPE.matcher(host).matches()) {
            ipv4(path, host, HOST_RULE);
        } else if (!isHostName(host)) {
            throw new ConfigException(path, HOST_RULE, printable(host));
        }
        return host;
    }

    /**
     * Returns {@code host} if it is an address this machine can bind: the wildcard, a loopback address or the
     * address of one of its interfaces. A host name passes unresolved (resolving could wait on DNS); the bind
     * itself then reports it.
     */
    static String bindable(String path, String host) {
        host(path, host);
        if (host.indexOf(':') < 0 && !IPV4_SHAPE.matcher(host).matches()) {
            return host;
        }
        InetAddress address = literal(path, host, HOST_RULE);
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || isLocal(address)) {
            return host;
        }
        throw new ConfigException(path, "an address of this machine (0.0.0.0, 127.0.0.1 or an interface's)", host);
    }

    /** Returns {@code address} if it is an IPv4 or IPv6 literal this machine can bind. */
    static String bindableAddress(String path, String address) {
        if (address.indexOf(':') < 0 && !IPV4_SHAPE.matcher(address).matches()) {
            throw new ConfigException(path, "an IP address (Hazelcast binds to interfaces by address)", address);
        }
        return bindable(path, address);
    }

    /** Returns {@code member} if it is {@code host}, {@code host:port}, an IPv6 literal or {@code [ipv6]:port}. */
    static String member(String path, String member) {
        String expected = "host or host:port (port 1 to 65535; IPv6 as [address]:port)";
        String host = member;
        String port = null;
        if (member.startsWith("[")) {
            int close = member.indexOf(']');
            if (close < 0 || (close + 1 < member.length() && member.charAt(close + 1) != ':')) {
                throw new ConfigException(path, expected, printable(member));
            }
            host = member.substring(1, close);
            port = close + 1 < member.length() ? member.substring(close + 2) : null;
        } else if (member.indexOf(':') == member.lastIndexOf(':') && member.indexOf(':') >= 0) {
            host = member.substring(0, member.indexOf(':'));
            port = member.substring(member.indexOf(':') + 1);
        }
        try {
            host(path, host);
        } catch (ConfigException e) {
            throw new ConfigException(path, expected, printable(member));
        }
        if (port != null && !validPort(port)) {
            throw new ConfigException(path, expected, printable(member));
        }
        return member;
    }

    /** Rejects control characters (newlines, tabs, escapes) in every string of the tree: they forge log lines. */
    static void noControlCharacters(Object value, String path) {
        if (value instanceof String s) {
            if (hasControl(s)) {
                throw new ConfigException(path, "text without control characters (newline, tab, escape)", printable(s));
            }
        } else if (value instanceof JsonObject o) {
            for (String key : o.fieldNames()) {
                String at = path.isEmpty() ? key : path + "." + key;
                if (hasControl(key)) {
                    throw new ConfigException(
                            printable(at), "keys without control characters", "a key with control characters");
                }
                noControlCharacters(o.getValue(key), at);
            }
        } else if (value instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                noControlCharacters(a.getValue(i), path + "[" + i + "]");
            }
        }
    }

    /** Returns {@code text} with control characters written as escapes, so a message stays one line. */
    static String printable(String text) {
        return PrintableText.of(text);
    }

    private static boolean hasControl(String s) {
        return PrintableText.hasControl(s);
    }

    private static boolean isHostName(String host) {
        if (host.length() > 253 || host.startsWith(".") || host.endsWith(".")) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static void ipv4(String path, String host, String expected) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            throw new ConfigException(path, expected, host);
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                throw new ConfigException(path, expected, host);
            }
        }
    }

    private static void ipv6(String path, String host, String expected) {
        // A string with a colon is only ever parsed as an IPv6 literal: no name lookup happens.
        if (!host.matches("[0-9A-Fa-f:.]+")) {
            throw new ConfigException(path, expected, printable(host));
        }
        literal(path, host, expected);
    }

    private static InetAddress literal(String path, String host, String expected) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ConfigException(path, expected, host);
        }
    }

    private static boolean isLocal(InetAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            // Cannot list interfaces: let the bind decide.
            return true;
        }
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65_535;
    }
}
