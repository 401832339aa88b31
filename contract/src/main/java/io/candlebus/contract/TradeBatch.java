package io.candlebus.contract;

import java.util.List;

/**
 * The trades one feed took in one turn of its event loop, in the order it took them, as {@code market.trades}
 * carries them: one message for many trades, because one message per trade cost a feed a fifth of its loop even
 * with nobody listening. Never empty.
 */
public record TradeBatch(List<Trade> trades) {

    public TradeBatch {
        trades = List.copyOf(Checks.present(trades, "tradeBatch.trades"));
        if (trades.isEmpty()) {
            throw new IllegalArgumentException("tradeBatch.trades: expected at least one trade, was none");
        }
    }

    /** A batch of one trade. */
    public static TradeBatch of(Trade trade) {
        return new TradeBatch(List.of(trade));
    }
}
