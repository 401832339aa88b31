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
 * parser): each trade's market, trade time and price, and each market's messages in order, so that a band can be
 * traced to the newest message its candle holds (the n-th trade of its bucket, n its trade count).
 */
final class BenchStream {
    private static final byte[] CODE = "\"code\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRICE = "\"trade_price\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIME = "\"trade_timestamp\":".getBytes(StandardCharsets.US_ASCII);

    private final List<Interval> intervals;
    private final Map<String, Integer> codeIndex = new HashMap<>();
    private final List<String> codes = new ArrayList<>();
    /** Per market, its messages in order: {@code ofCode[c][0..count[c])}. */
    private int[][] ofCode = new int[16][];

    private int[] count = new int[16];
    private int[] code = new int[1024];
    private long[] time = new long[1024];
    private double[] price = new double[1024];

    private int size;
    private long firstTime = Long.MIN_VALUE;

    BenchStream(List<Interval> intervals) {
        this.intervals = List.copyOf(intervals);
    }

    /** Notes message number {@link #size()}: a trade if it names a code, a time and a price, else nothing. */
    void add(byte[] m) {
        int i = size++;
        if (i == code.length) {
            int n = code.length * 2;
            code = Arrays.copyOf(code, n);
            time = Arrays.copyOf(time, n);
            price = Arrays.copyOf(price, n);
        }
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
        if (ci == ofCode.length) {
            ofCode = Arrays.copyOf(ofCode, ci * 2);
            count = Arrays.copyOf(count, ci * 2);
        }
        if (ofCode[ci] == null) {
            ofCode[ci] = new int[64];
        } else if (count[ci] == ofCode[ci].length) {
            ofCode[ci] = Arrays.copyOf(ofCode[ci], count[ci] * 2);
        }
        ofCode[ci][count[ci]++] = i;
        code[i] = ci;
        time[i] = t;
        price[i] = p;
        if (firstTime == Long.MIN_VALUE) {
            firstTime = t;
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
        return ofCode[c][count[c] - 1];
    }

    /**
     * Returns the {@code n}-th trade (from 1) of market {@code c} in the bucket of {@code interval} opening at {@code
     * openTime} if its price is {@code close}, else -1 (the candle holds trades the bench did not send, or misses some).
     */
    int newest(int c, Interval interval, long openTime, long n, double close) {
        if (n < 1 || !intervals.contains(interval)) {
            return -1;
        }
        int[] mine = ofCode[c];
        // The first message of the market at or after the bucket's open (its trades are in time order).
        int lo = 0;
        int hi = count[c];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time[mine[mid]] < openTime) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        long at = lo + n - 1;
        if (at >= count[c]) {
            return -1;
        }
        int i = mine[(int) at];
        return time[i] < openTime + interval.millis() && price[i] == close ? i : -1;
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
