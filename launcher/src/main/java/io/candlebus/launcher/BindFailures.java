package io.candlebus.launcher;

import java.net.BindException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Turns a failed bind into one line naming the setting, its value and how to change it, e.g. {@code http.port
 * 8080 is already in use (set --http-port or CANDLEBUS_HTTP_PORT)}.
 */
final class BindFailures {
    private BindFailures() {}

    /**
     * Returns a {@link StartupException} describing {@code failure} if it is a bind failure of the server
     * configured by the settings at {@code portPath} and {@code hostPath}; otherwise {@code failure} itself.
     */
    static Throwable explain(Throwable failure, String portPath, int port, String hostPath, String host) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new StartupException(
                        hostPath + " " + host + " does not resolve to an address (set " + howToSet(hostPath) + ")",
                        failure);
            }
        }
        BindException bind = bindCause(failure);
        if (bind == null) {
            return failure;
        }
        String message = String.valueOf(bind.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("assign") || message.contains("not available")) {
            return new StartupException(
                    hostPath + " " + host + " is not an address of this machine (set " + howToSet(hostPath) + ")",
                    failure);
        }
        if (message.contains("permission") || message.contains("access")) {
            return new StartupException(
                    portPath + " " + port + " needs privileges this process lacks (set " + howToSet(portPath) + ")",
                    failure);
        }
        return new StartupException(
                portPath + " " + port + " is already in use on " + host + " (set " + howToSet(portPath) + ")", failure);
    }

    /** Returns "--flag or ENV" for the setting at {@code path}, or the path in the config file. */
    static String howToSet(String path) {
        for (Setting s : Setting.ALL) {
            if (s.path().equals(path)) {
                return s.flag() + " or " + s.env();
            }
        }
        return path + " in the config file";
    }

    private static BindException bindCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException b) {
                return b;
            }
            // Netty's native transports report a failed bind as their own IOException, with the OS's words.
            String message = String.valueOf(t.getMessage());
            if (message.contains("bind(") && message.contains("failed")) {
                return new BindException(message);
            }
        }
        return null;
    }
}
