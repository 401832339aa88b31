package io.candlebus.order;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last price of every instrument this deployment follows, fed by the candles on {@code candles.live} and
 * {@code candles.closed} (from any market node of the cluster): the close of the newest candle seen, whatever
 * its interval. A candle older than the newest one seen (a gap fill, a replay) does not move the price.
 *
 * <p>It also says what is followed: an instrument is followed while one of its candles arrived within {@link
 * #FOLLOWED_WITHIN_MILLIS}. A followed stream closes a candle every minute even without trades (a flat one),
 * so a stream that went quiet that long is no longer followed (unsubscribed, or its feed is down): its last
 * price is too old to judge an order by. Single-threaded: the order verticle's event loop owns it.
 */
public final class LastPrices {
    /** How recent the last candle of an instrument must be for it to count as followed: three minutes. */
    public static final long FOLLOWED_WITHIN_MILLIS = 180_000;

    private final Map<Instrument, Seen> seen = new HashMap<>();

    /** The newest candle's open time and close, and when (by the caller's clock) a candle last arrived. */
    private record Seen(long openTime, BigDecimal close, long receivedAt) {}

    /** Takes {@code candle} into account, received at {@code now} (epoch ms). */
    public void observe(Candle candle, long now) {
        Seen before = seen.get(candle.instrument());
        if (before == null || candle.openTime() >= before.openTime()) {
            seen.put(candle.instrument(), new Seen(candle.openTime(), candle.close(), now));
        } else {
            seen.put(candle.instrument(), new Seen(before.openTime(), before.close(), now));
        }
    }

    /** Returns the last price of {@code instrument} if it is followed at {@code now}. */
    public Optional<BigDecimal> last(Instrument instrument, long now) {
        return followed(instrument, now) ? Optional.of(seen.get(instrument).close()) : Optional.empty();
    }

    /** Returns whether a candle of {@code instrument} arrived within {@link #FOLLOWED_WITHIN_MILLIS} of {@code now}. */
    public boolean followed(Instrument instrument, long now) {
        Seen s = seen.get(instrument);
        return s != null && now - s.receivedAt() <= FOLLOWED_WITHIN_MILLIS;
    }
}
