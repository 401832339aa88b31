package io.candlebus.market;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Counts bad input per kind and logs the first occurrence of each kind with a truncated payload, so a
 * flood of broken messages costs one log line per kind.
 */
public final class BadInputCounter {
    private static final int MAX_PAYLOAD = 300;

    private final Logger log;
    private final String source;
    private final Map<String, Long> counts = new TreeMap<>();

    public BadInputCounter(Logger log, String source) {
        this.log = log;
        this.source = source;
    }

    /** Counts {@code e}; logs it if it is the first of its kind. */
    public void record(BadInputException e, String payload) {
        long n = counts.merge(e.kind(), 1L, Long::sum);
        if (n == 1) {
            log.warn(
                    "{}: dropped bad input ({}); further '{}' are only counted; payload: {}",
                    source,
                    e.getMessage(),
                    e.kind(),
                    truncate(payload));
        }
    }

    /** Counts {@code e} for a message given as UTF-8 bytes; decodes only what the log line shows. */
    public void record(BadInputException e, byte[] payload) {
        long n = counts.merge(e.kind(), 1L, Long::sum);
        if (n == 1) {
            log.warn(
                    "{}: dropped bad input ({}); further '{}' are only counted; payload: {}",
                    source,
                    e.getMessage(),
                    e.kind(),
                    truncate(payload));
        }
    }

    /**
     * Counts a message of more than {@code maxBytes} bytes as {@code oversized} and returns true; returns
     * false for one within the limit. The connection stays: one oversized message says nothing about the
     * data around it. {@code utf8} may be a preview of the message, {@code bytes} is its size.
     */
    public boolean oversized(byte[] utf8, long bytes, long maxBytes) {
        if (bytes <= maxBytes) {
            return false;
        }
        record(
                new BadInputException("oversized", "message: expected at most " + maxBytes + " bytes, was " + bytes),
                utf8);
        return true;
    }

    /** Returns how many of {@code kind} were seen. */
    public long count(String kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** Returns the total over all kinds. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Adds {@code badInput.<kind>} counters to {@code into}. */
    public void exportTo(Map<String, Long> into) {
        counts.forEach((kind, n) -> into.put("badInput." + kind, n));
    }

    static String truncate(byte[] payload) {
        if (payload == null) {
            return "null";
        }
        return payload.length <= MAX_PAYLOAD
                ? new String(payload, StandardCharsets.UTF_8)
                : new String(payload, 0, MAX_PAYLOAD, StandardCharsets.UTF_8) + "...(" + payload.length + " bytes)";
    }

    static String truncate(String payload) {
        if (payload == null) {
            return "null";
        }
        return payload.length() <= MAX_PAYLOAD
                ? payload
                : payload.substring(0, MAX_PAYLOAD) + "...(" + payload.length() + " chars)";
    }
}
