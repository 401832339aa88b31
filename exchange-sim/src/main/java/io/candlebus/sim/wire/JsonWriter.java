package io.candlebus.sim.wire;

import java.math.BigDecimal;

/**
 * Writes JSON text by hand so decimals keep their exact text: a price can be written as a JSON string
 * (Binance) or as a bare JSON number from its plain decimal text (Bithumb), never through a double.
 */
public final class JsonWriter {
    private final StringBuilder out;
    private boolean needComma;

    /** Creates an empty writer. */
    public JsonWriter() {
        this.out = new StringBuilder(256);
    }

    /** Opens an object. */
    public JsonWriter beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    /** Closes an object. */
    public JsonWriter endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    /** Opens an array. */
    public JsonWriter beginArray() {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    /** Closes an array. */
    public JsonWriter endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    /** Writes a member name; the next value belongs to it. */
    public JsonWriter name(String name) {
        comma();
        quote(name);
        out.append(':');
        needComma = false;
        return this;
    }

    /** Writes a string, or null. */
    public JsonWriter value(String text) {
        comma();
        if (text == null) {
            out.append("null");
        } else {
            quote(text);
        }
        needComma = true;
        return this;
    }

    /** Writes an integer. */
    public JsonWriter value(long number) {
        comma();
        out.append(number);
        needComma = true;
        return this;
    }

    /** Writes a boolean. */
    public JsonWriter value(boolean flag) {
        comma();
        out.append(flag);
        needComma = true;
        return this;
    }

    /** Writes a decimal as a JSON string of its plain text, keeping its scale ({@code "87310.01"}). */
    public JsonWriter string(BigDecimal decimal) {
        return value(decimal.toPlainString());
    }

    /** Writes a decimal as a bare JSON number without trailing zeros ({@code 0.32611}, {@code 131000000}). */
    public JsonWriter number(BigDecimal decimal) {
        comma();
        out.append(plain(decimal));
        needComma = true;
        return this;
    }

    /** Writes pre-encoded JSON as the next value. */
    public JsonWriter raw(String json) {
        comma();
        out.append(json);
        needComma = true;
        return this;
    }

    /** Writes null. */
    public JsonWriter nullValue() {
        return value((String) null);
    }

    /** Returns a decimal's shortest plain text: no exponent, no trailing zeros after the point. */
    public static String plain(BigDecimal decimal) {
        if (decimal.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() < 0) {
            stripped = stripped.setScale(0);
        }
        return stripped.toPlainString();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    private void quote(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
