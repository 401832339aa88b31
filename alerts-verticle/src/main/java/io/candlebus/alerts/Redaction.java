package io.candlebus.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is logged or counted: each configured secret literally, and anything
 * shaped like a Telegram bot path ({@code /bot<token>/}) in case a library quotes a URL we did not build.
 */
final class Redaction {
    static final String MASK = "***";
    private static final Pattern BOT_PATH = Pattern.compile("/bot[0-9]+:[A-Za-z0-9_-]+");

    private final List<String> secrets;

    Redaction(List<String> secrets) {
        List<String> s = new ArrayList<>();
        for (String secret : secrets) {
            // A one-character "secret" (a bare "/" path) would mask every slash and hide nothing.
            if (secret != null && secret.length() > 1) {
                s.add(secret);
            }
        }
        // Longest first: a URL is masked whole before its path alone would be.
        s.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(s);
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return BOT_PATH.matcher(out).replaceAll("/bot" + MASK);
    }
}
