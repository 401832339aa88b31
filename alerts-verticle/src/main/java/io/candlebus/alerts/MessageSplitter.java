package io.candlebus.alerts;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a message that is longer than a sink allows (Telegram: 4,096 characters, Discord: 2,000) into
 * parts, each marked {@code (i/n)} on its first line. Parts break at line ends where possible; a single line
 * longer than a part is cut, never inside a surrogate pair. Lengths are in UTF-16 units, as both services
 * count them.
 */
final class MessageSplitter {
    /** Room kept in every part for the {@code (i/n)} marker and its line break. */
    static final int MARKER_ROOM = 16;

    private MessageSplitter() {}

    static List<String> split(String text, int limit) {
        if (limit <= MARKER_ROOM) {
            throw new IllegalArgumentException("limit: expected more than " + MARKER_ROOM + ", was " + limit);
        }
        if (text.length() <= limit) {
            return List.of(text);
        }
        int room = limit - MARKER_ROOM;
        List<String> bodies = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            while (line.length() > room) {
                flush(part, bodies);
                int cut = Character.isHighSurrogate(line.charAt(room - 1)) ? room - 1 : room;
                bodies.add(line.substring(0, cut));
                line = line.substring(cut);
            }
            int needed = part.length() == 0 ? line.length() : part.length() + 1 + line.length();
            if (needed > room) {
                flush(part, bodies);
            }
            if (part.length() > 0) {
                part.append('\n');
            }
            part.append(line);
        }
        flush(part, bodies);
        List<String> parts = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            parts.add("(" + (i + 1) + "/" + bodies.size() + ")\n" + bodies.get(i));
        }
        return parts;
    }

    private static void flush(StringBuilder part, List<String> bodies) {
        if (part.length() > 0) {
            bodies.add(part.toString());
            part.setLength(0);
        }
    }
}
