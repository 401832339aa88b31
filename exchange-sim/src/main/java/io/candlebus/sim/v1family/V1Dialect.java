package io.candlebus.sim.v1family;

import java.util.List;

/**
 * How one venue of the Upbit v1 family reads a websocket request where the two differ.
 *
 * @param typeNames the types accepted, in the order the refusal of another one names them
 * @param formats the {@code format} values accepted, the first the one used when a request names none
 * @param formatsExpected what a refused {@code format} names as expected
 * @param snakeCaseFlags whether the only-flags' own spelling is snake case ({@code is_only_snapshot}, Upbit) rather
 *     than camel case ({@code isOnlySnapshot}, Bithumb); the other spelling is read too, and errors name the own one
 * @param refusesBothOnlyFlags whether a type with both only-flags set is refused ({@code INVALID_PARAM})
 */
public record V1Dialect(
        List<String> typeNames,
        List<String> formats,
        String formatsExpected,
        boolean snakeCaseFlags,
        boolean refusesBothOnlyFlags) {

    public V1Dialect {
        typeNames = List.copyOf(typeNames);
        formats = List.copyOf(formats);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("formats: expected at least one format, was none");
        }
    }

    /** Returns the format used when a request names none. */
    String defaultFormat() {
        return formats.get(0);
    }

    /** Returns the type names as a refusal lists them: {@code ticker, trade or orderbook}. */
    String typesExpected() {
        int last = typeNames.size() - 1;
        return last == 0
                ? typeNames.get(0)
                : String.join(", ", typeNames.subList(0, last)) + " or " + typeNames.get(last);
    }
}
