package io.candlebus.sim.binance;

import io.candlebus.contract.Interval;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed kline stream name, {@code <symbol lower>@kline_<interval>}.
 *
 * @param symbol the upper-case symbol
 * @param interval the interval
 */
record KlineStream(String symbol, Interval interval) {
    private static final Pattern NAME = Pattern.compile("([a-z0-9_]{1,40})@kline_([0-9]{1,2}[smhd])");

    /** Returns the kline stream named {@code name}, or null if it is another or an unsupported stream. */
    static KlineStream parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches() || m.group(2).equals("1s")) {
            return null;
        }
        try {
            return new KlineStream(m.group(1).toUpperCase(Locale.ROOT), Interval.parse(m.group(2)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
