package io.candlebus.contract;

import java.math.BigDecimal;

/**
 * A trading signal raised at a closed candle. {@code id} is deterministic (rule, instrument,
 * interval, candle open time, side), so order placement downstream can be idempotent.
 */
public record Signal(
        String id,
        String rule,
        Instrument instrument,
        Interval interval,
        long openTime,
        Side side,
        BigDecimal price,
        String reason,
        long time) {

    public Signal {
        Checks.text(id, "signal.id");
        Checks.text(rule, "signal.rule");
        Checks.present(instrument, "signal.instrument");
        Checks.present(interval, "signal.interval");
        Checks.present(side, "signal.side");
        Checks.positive(price, "signal.price");
        Checks.present(reason, "signal.reason");
    }

    /** Returns the deterministic id of a signal: the same inputs always give the same id. */
    public static String idOf(String rule, Instrument instrument, Interval interval, long openTime, Side side) {
        return rule + "|" + instrument.key() + "|" + interval.code() + "|" + openTime + "|" + side;
    }
}
