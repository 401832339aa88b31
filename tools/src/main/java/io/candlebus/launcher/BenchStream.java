package io.candlebus.launcher;

import io.candlebus.contract.Interval;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bench knows of its messages, read once before the run with a plain scan of the bytes (not the feed's
 * parser): each trade's market, trade time and price, and where each candle bucket starts, so that a band can be
 * traced to the newest message its candle holds (the n-th trade of its bucket, n its trade count).
 */
final class BenchStream {
    private static final byte[] CODE = "\"code\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRICE = "\"trade_price\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIME = "\"trade_timestamp\":".getBytes(StandardCharsets.US_ASCII);

    private final List<Interval> intervals;
    private final Map<String, Integer> codeIndex = new HashMap<>();
    private final List<String> codes = new ArrayList<>();
    private final Map<Long, Integer> bucketStart = new HashMap<>();
    private int[] code = new int[1024];
    private long[] time = new long[1024];
    private double[] price = new double[1024];
    private int[] nextSame = new int[1024];
    private int[] lastOfCode = new int[16];
    private int size;
    private long firstTime = Long.MIN_VALUE;

    BenchStream(List<Interval> intervals) {
        this.intervals = List.copyOf(intervals);
        Arrays.fill(lastOfCode, -1);
    }

    /** Notes message number {@link #size()}: a trade if it names a code, a time and a price, else nothing. */
    void add(byte[] m) {
        int i = size++;
        if (i == code.length) {
            int n = code.length * 2;
            code = Arrays.copyOf(code, n);
            time = Arrays.copyOf(time, n);
            price = Arrays.copyOf(price, n);
            nextSame = Arrays.copyOf(nextSame, n);
        }
        nextSame[i] = -1;
        code[i] = -1;
        String c = string(m, CODE);
        long t = number(m, TIME);
        double p = decimal(m, PRICE);
        if (c == null || t == Long.MIN_VALUE || Double.isNaN(p)) {
            time[i] = i == 0 ? Long.MIN_VALUE : time[i - 1];
            return;
        }
        int ci = codeIndex.computeIfAbsent(c, k -> {
            codes.add(k);
            return codes.size() - 1;
        });
        if (ci == lastOfCode.length) {
            int old = lastOfCode.length;
            lastOfCode = Arrays.copyOf(lastOfCode, old * 2);
            Arrays.fill(lastOfCode, old, lastOfCode.length, -1);
        }
        code[i] = ci;
        time[i] = t;
        price[i] = p;
        if (firstTime == Long.MIN_VALUE) {
            firstTime = t;
        }
        int prev = lastOfCode[ci];
        if (prev >= 0) {
            nextSame[prev] = i;
        }
        lastOfCode[ci] = i;
        for (int k = 0; k < intervals.size(); k++) {
            bucketStart.putIfAbsent(key(ci, k, intervals.get(k).openTimeOf(t)), i);
        }
    }

    int size() {
        return size;
    }

    /** Returns the market of message {@code i} (its index in {@link #codes()}), -1 for a message that is no trade. */
    int code(int i) {
        return code[i];
    }

    /** Returns the trade time of message {@code i}, or of the last trade before it. */
    long time(int i) {
        return time[i];
    }

    /** Returns the first trade time, or MIN_VALUE if there is no trade. */
    long firstTime() {
        return firstTime;
    }

    List<String> codes() {
        return codes;
    }

    /** Returns the index of {@code symbol} in {@link #codes()}, -1 if no message names it. */
    int codeOf(String symbol) {
        Integer i = codeIndex.get(symbol);
        return i == null ? -1 : i;
    }

    /** Returns the last message of market {@code c}. */
    int lastOf(int c) {
        return lastOfCode[c];
    }

    /**
     * Returns the {@code n}-th trade (from 1) of market {@code c} in the bucket of {@code interval} opening at {@code
     * openTime} if its price is {@code close}, else -1 (the candle holds trades the bench did not send, or misses some).
     */
    int newest(int c, Interval interval, long openTime, long n, double close) {
        int k = intervals.indexOf(interval);
        if (k < 0 || n < 1) {
            return -1;
        }
        Integer start = bucketStart.get(key(c, k, openTime));
        if (start == null) {
            return -1;
        }
        int i = start;
        long end = openTime + interval.millis();
        for (long left = n - 1; left > 0 && i >= 0; left--) {
            i = nextSame[i];
        }
        return i >= 0 && time[i] < end && price[i] == close ? i : -1;
    }

    private static long key(int c, int k, long openTime) {
        return (openTime / 60_000L) << 20 | (long) c << 4 | k;
    }

    private static int find(byte[] m, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= m.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (m[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i + what.length;
        }
        return -1;
    }

    private static String string(byte[] m, byte[] field) {
        int at = find(m, field);
        if (at < 0) {
            return null;
        }
        int end = at;
        while (end < m.length && m[end] != '"') {
            end++;
        }
        return end < m.length && end > at ? new String(m, at, end - at, StandardCharsets.UTF_8) : null;
    }

    private static long number(byte[] m, byte[] field) {
        int at = find(m, field);
        if (at < 0 || at >= m.length || m[at] < '0' || m[at] > '9') {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (int i = at; i < m.length && m[i] >= '0' && m[i] <= '9'; i++) {
            v = v * 10 + (m[i] - '0');
        }
        return v;
    }

    private static double decimal(byte[] m, byte[] field) {
        int at = find(m, field);
        if (at < 0) {
            return Double.NaN;
        }
        int end = at;
        while (end < m.length && (m[end] >= '0' && m[end] <= '9' || m[end] == '.')) {
            end++;
        }
        if (end == at) {
            return Double.NaN;
        }
        return Double.parseDouble(new String(m, at, end - at, StandardCharsets.US_ASCII));
    }
}
