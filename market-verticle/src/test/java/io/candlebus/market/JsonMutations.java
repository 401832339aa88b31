package io.candlebus.market;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generates broken variants of valid venue messages for the parsers' property tests: truncation,
 * deleted fields, values swapped for other types, NaN / Infinity / zero / negative / huge numbers,
 * non-ASCII digits, deep nesting and stray characters, one to three mutations per message.
 */
public final class JsonMutations {
    /** Every kind a parser may report; anything else (or any other exception) is a parser bug. */
    public static final Set<String> PARSER_KINDS = Set.of(
            "malformed-json",
            "missing-field",
            "wrong-type",
            "bad-number",
            "non-positive",
            "negative",
            "high-below-low",
            "out-of-range",
            "misaligned",
            "bad-close-time",
            "unknown-symbol",
            "unknown-interval",
            "bad-time",
            "bad-side");

    /**
     * Reads decimals exactly (so untouched values keep their text) but writes them without the
     * contract's plain setting, so {@code 1E+999999999} stays short text.
     */
    private static final ObjectMapper WRITER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<JsonNode> ODD_VALUES = oddValues();

    private static final List<String> SNIPPETS = List.of(
            "NaN",
            "Infinity",
            "-Infinity",
            "-",
            "\"",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "null",
            "\u0000",
            "\uD800",
            "1e999999999",
            "0x1F",
            "\\u00e9",
            "💥",
            " ",
            "\n",
            "-0",
            "+1",
            ".5",
            "1.",
            "09");

    private JsonMutations() {}

    /** Returns positive decimals with 1 to 15 digits and 0 to 10 decimals, trailing zeros included. */
    public static Arbitrary<BigDecimal> positiveDecimals() {
        return Combinators.combine(
                        Arbitraries.longs().between(1, 999_999_999_999_999L),
                        Arbitraries.integers().between(0, 10))
                .as(BigDecimal::valueOf);
    }

    /** Returns decimals >= 0, zero with any scale included. */
    public static Arbitrary<BigDecimal> nonNegativeDecimals() {
        Arbitrary<BigDecimal> zeros = Arbitraries.integers().between(0, 8).map(s -> BigDecimal.valueOf(0, s));
        return Arbitraries.frequencyOf(Tuple.of(1, zeros), Tuple.of(4, positiveDecimals()));
    }

    /** Prices of a valid candle: low <= open, close <= high, all positive. */
    public record Ohlc(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {}

    /** Returns valid candle prices; equal values (a flat minute) are frequent. */
    public static Arbitrary<Ohlc> ohlc() {
        return positiveDecimals().list().ofSize(4).flatMap(prices -> {
            List<BigDecimal> sorted = new ArrayList<>(prices);
            sorted.sort(BigDecimal::compareTo);
            return Arbitraries.of(true, false)
                    .map(openFirst -> new Ohlc(
                            openFirst ? sorted.get(1) : sorted.get(2),
                            sorted.get(3),
                            sorted.get(0),
                            openFirst ? sorted.get(2) : sorted.get(1)));
        });
    }

    /** Returns one of {@code seeds}, mutated one to three times. */
    public static Arbitrary<String> mutated(List<String> seeds) {
        Arbitrary<String> seed = Arbitraries.of(seeds);
        Arbitrary<List<Mutation>> mutations = mutation().list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(seed, mutations).as(JsonMutations::apply);
    }

    /** Returns short strings biased towards JSON's own characters, to get past the first token. */
    public static Arbitrary<String> jsonish() {
        Arbitrary<String> chars = Arbitraries.strings()
                .withChars("{}[]\":,0123456789.eE+-ntrufalsNI \\")
                .ofMaxLength(60);
        return Arbitraries.oneOf(chars, Arbitraries.strings().all().ofMaxLength(60));
    }

    /** Applies the mutations in order; the result is text, JSON or not. */
    static String apply(String seed, List<Mutation> mutations) {
        String text = seed;
        for (Mutation m : mutations) {
            text = m.applyTo(text);
        }
        return text;
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> where = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Mutation> delete = where.map(DeleteSlot::new);
        Arbitrary<Mutation> replace = Combinators.combine(
                        where, Arbitraries.integers().between(0, ODD_VALUES.size() - 1))
                .as(ReplaceSlot::new);
        Arbitrary<Mutation> truncate = where.map(Truncate::new);
        Arbitrary<Mutation> insert =
                Combinators.combine(where, Arbitraries.of(SNIPPETS)).as(Insert::new);
        Arbitrary<Mutation> wrap = Arbitraries.integers().between(1, 1_200).map(Wrap::new);
        return Arbitraries.frequencyOf(
                Tuple.of(3, delete),
                Tuple.of(5, replace),
                Tuple.of(2, truncate),
                Tuple.of(2, insert),
                Tuple.of(1, wrap));
    }

    private static List<JsonNode> oddValues() {
        List<JsonNode> out = new ArrayList<>();
        out.add(NODES.nullNode());
        out.add(NODES.booleanNode(true));
        out.add(NODES.booleanNode(false));
        for (String s : List.of(
                "",
                "abc",
                "NaN",
                "Infinity",
                "-Infinity",
                "-1",
                "0",
                "-0",
                "0E-10",
                "1e999999999",
                "-1E+999999999",
                "1E-999999999",
                "123456789012345678901234567890123456789",
                "١٢٣",
                "１２３",
                "\u0000",
                "💥",
                "BTCUSDT",
                "KRW-BTC",
                "1m",
                "7x",
                "BID",
                "+999999999-12-31T23:59:59",
                "2026-01-01T00:00:30",
                "x".repeat(10_000))) {
            out.add(NODES.textNode(s));
        }
        out.add(NODES.numberNode(0));
        out.add(NODES.numberNode(-1));
        out.add(NODES.numberNode(1.5d));
        out.add(NODES.numberNode(Double.NaN));
        out.add(NODES.numberNode(Long.MAX_VALUE));
        out.add(NODES.numberNode(Long.MIN_VALUE));
        out.add(NODES.numberNode(BigInteger.TWO.pow(64)));
        out.add(NODES.numberNode(new BigDecimal("-0.0")));
        out.add(NODES.numberNode(new BigDecimal("1E+999999999")));
        out.add(NODES.numberNode(new BigDecimal("-1E-999999999")));
        out.add(NODES.numberNode(9_007_199_254_740_993L));
        out.add(NODES.arrayNode());
        out.add(NODES.objectNode());
        JsonNode deep = NODES.numberNode(1);
        for (int i = 0; i < 50; i++) {
            deep = NODES.arrayNode().add(deep);
        }
        out.add(deep);
        out.add(NODES.objectNode().set("a", NODES.objectNode().put("b", "c")));
        return List.copyOf(out);
    }

    /** One change to a message's text. */
    interface Mutation {
        String applyTo(String text);
    }

    /** Removes the n-th field or element (in document order) of a JSON message. */
    record DeleteSlot(int n) implements Mutation {
        @Override
        public String applyTo(String text) {
            return onTree(
                    text,
                    (parent, key, index) -> {
                        if (parent instanceof ObjectNode o) {
                            o.remove(key);
                        } else {
                            ((ArrayNode) parent).remove(index);
                        }
                    },
                    n);
        }
    }

    /** Replaces the n-th field or element of a JSON message with an odd value. */
    record ReplaceSlot(int n, int value) implements Mutation {
        @Override
        public String applyTo(String text) {
            JsonNode odd = ODD_VALUES.get(value).deepCopy();
            return onTree(
                    text,
                    (parent, key, index) -> {
                        if (parent instanceof ObjectNode o) {
                            o.set(key, odd);
                        } else {
                            ((ArrayNode) parent).set(index, odd);
                        }
                    },
                    n);
        }
    }

    /** Cuts the text at a position. */
    record Truncate(int at) implements Mutation {
        @Override
        public String applyTo(String text) {
            return text.isEmpty() ? text : text.substring(0, at % text.length());
        }
    }

    /** Inserts a snippet at a position. */
    record Insert(int at, String snippet) implements Mutation {
        @Override
        public String applyTo(String text) {
            int i = at % (text.length() + 1);
            return text.substring(0, i) + snippet + text.substring(i);
        }
    }

    /** Nests the whole message in {@code depth} arrays. */
    record Wrap(int depth) implements Mutation {
        @Override
        public String applyTo(String text) {
            return "[".repeat(depth) + text + "]".repeat(depth);
        }
    }

    private interface SlotAction {
        void apply(JsonNode parent, String key, int index);
    }

    /** Applies {@code action} to slot {@code n % slots}; text that is no JSON tree is returned as is. */
    private static String onTree(String text, SlotAction action, int n) {
        JsonNode root;
        try {
            root = WRITER.readTree(text);
        } catch (JsonProcessingException | RuntimeException e) {
            return text;
        }
        if (root == null || !root.isContainerNode()) {
            return text;
        }
        List<Object[]> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return text;
        }
        Object[] slot = slots.get(n % slots.size());
        action.apply((JsonNode) slot[0], (String) slot[1], (Integer) slot[2]);
        try {
            return WRITER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("re-encoding a mutated tree: " + e, e);
        }
    }

    private static void collect(JsonNode node, List<Object[]> slots) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                slots.add(new Object[] {node, name, -1});
                collect(node.get(name), slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(new Object[] {node, null, i});
                collect(node.get(i), slots);
            }
        }
    }
}
