package io.candlebus.contract;

import java.util.List;

/**
 * Closed candles for the recorder that owns their streams, acknowledged together by one empty reply once every
 * one is in a complete file (or was recorded already). {@code writeBy} is the sender's wall-clock time after
 * which the recorder must not start writing them: the sender re-sends an unacknowledged batch, possibly to
 * another recorder, only once its request timed out, which it sets well after {@code writeBy}; so a recorder
 * that was slow rather than dead never writes a candle a new owner may be writing too.
 */
public record CandleBatch(List<Candle> candles, long writeBy) {

    public CandleBatch {
        candles = List.copyOf(Checks.present(candles, "candleBatch.candles"));
        if (candles.isEmpty()) {
            throw new IllegalArgumentException("candleBatch.candles: expected at least one candle, was none");
        }
        Checks.nonNegative(writeBy, "candleBatch.writeBy");
    }
}
