package io.candlebus.market.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TakeoverMarksTest {
    private static final Instrument SPOT = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument BITHUMB = Instrument.parse("bithumb:spot:KRW-BTC");

    private static Candle closed(Instrument i, Interval interval, long openTime) {
        BigDecimal p = BigDecimal.TEN;
        return new Candle(
                i,
                interval,
                openTime,
                p,
                p,
                p,
                p,
                BigDecimal.ONE,
                p,
                1,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                true,
                CandleSource.REST);
    }

    @Test
    void afterATakeoverWhatThePreviousHolderPublishedIsNotPublishedAgain() {
        TakeoverMarks marks = new TakeoverMarks();
        for (long m = 0; m < 10; m++) {
            marks.heard(closed(SPOT, Interval.M1, m * 60_000));
        }
        marks.heard(closed(SPOT, Interval.M5, 0));
        marks.heard(closed(BITHUMB, Interval.M1, 9 * 60_000));

        marks.gained(Set.of("binance:spot"));

        assertThat(marks.publishes(closed(SPOT, Interval.M1, 3 * 60_000))).isFalse();
        assertThat(marks.publishes(closed(SPOT, Interval.M1, 9 * 60_000))).isFalse();
        assertThat(marks.publishes(closed(SPOT, Interval.M1, 10 * 60_000)))
                .as("the first minute the previous holder did not publish")
                .isTrue();
        assertThat(marks.publishes(closed(SPOT, Interval.M5, 0))).isFalse();
        assertThat(marks.publishes(closed(SPOT, Interval.M5, 5 * 60_000)))
                .as("closed with minute 9, though its publication was not heard")
                .isFalse();
        assertThat(marks.publishes(closed(SPOT, Interval.M5, 10 * 60_000))).isTrue();
        assertThat(marks.publishes(closed(BITHUMB, Interval.M1, 0)))
                .as("another venue market, whose lease was not gained here")
                .isTrue();
        assertThat(marks.suppressed(Set.of("binance:spot"))).isEqualTo(4);
        assertThat(marks.suppressed(Set.of("bithumb:spot"))).isZero();
    }

    @Test
    void largerCandlesEndingByTheNewestMinuteHeardCountAsPublishedThoughNoneWasHeard() {
        TakeoverMarks marks = new TakeoverMarks();
        // The standby joined at minute 7: it heard minutes 7 to 9, no 5m candle (the one of 0 closed before).
        for (long m = 7; m < 10; m++) {
            marks.heard(closed(SPOT, Interval.M1, m * 60_000));
        }

        marks.gained(Set.of("binance:spot"));

        assertThat(marks.publishes(closed(SPOT, Interval.M5, 0))).isFalse();
        assertThat(marks.publishes(closed(SPOT, Interval.M5, 5 * 60_000)))
                .as("ends with minute 9, which was published")
                .isFalse();
        assertThat(marks.publishes(closed(SPOT, Interval.M5, 10 * 60_000))).isTrue();
        assertThat(marks.publishes(closed(SPOT, Interval.M15, 0)))
                .as("ends with minute 14, not published yet")
                .isTrue();
    }

    @Test
    void withoutATakeoverEverythingIsPublishedEvenWhatWasHeard() {
        TakeoverMarks marks = new TakeoverMarks();
        marks.gained(Set.of("binance:spot"));
        marks.heard(closed(SPOT, Interval.M1, 0));

        assertThat(marks.publishes(closed(SPOT, Interval.M1, 0)))
                .as("heard after the grant: our own publishing, e.g. a re-added instrument's warm-up")
                .isTrue();
    }
}
