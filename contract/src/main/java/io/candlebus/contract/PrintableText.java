package io.candlebus.contract;

/**
 * Control characters written as escapes, so that a message carrying a configured or received value stays
 * one line: a value with a newline must not print (or forge) a second line of output or log.
 */
public final class PrintableText {
    private PrintableText() {}

    /** Returns {@code text} with control characters (and U+2028/U+2029) written as escapes. */
    public static String of(String text) {
        if (text == null || !hasControl(text)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (isControl(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Whether {@code s} holds a character that {@link #of} would escape. */
    public static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isControl(char c) {
        // U+2028/U+2029 end lines in some log viewers as well.
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
