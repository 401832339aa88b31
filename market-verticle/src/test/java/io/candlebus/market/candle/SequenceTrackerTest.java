package io.candlebus.market.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.market.candle.SequenceTracker.Verdict;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
    @Test
    void consecutiveNumbersFromZeroAreWhole() {
        SequenceTracker t = new SequenceTracker();
        assertThat(t.accept("binance.spot", 7, 0)).isEqualTo(Verdict.FRESH);
        assertThat(t.accept("binance.spot", 7, 1)).isEqualTo(Verdict.NEXT);
        assertThat(t.accept("bithumb.spot", 9, 0)).isEqualTo(Verdict.FRESH);
        assertThat(t.accept("binance.spot", 7, 2)).isEqualTo(Verdict.NEXT);
        assertThat(t.gaps()).isZero();
    }

    @Test
    void aMissingNumberIsAGapCountedOnceAndTheSequenceContinuesAfterIt() {
        SequenceTracker t = new SequenceTracker();
        t.accept("bithumb.spot", 1, 0);
        t.accept("bithumb.spot", 1, 1);
        assertThat(t.accept("bithumb.spot", 1, 3)).isEqualTo(Verdict.GAP);
        assertThat(t.accept("bithumb.spot", 1, 4)).isEqualTo(Verdict.NEXT);
        assertThat(t.gaps()).isEqualTo(1);
        assertThat(t.missed()).isEqualTo(1);
    }

    @Test
    void anOlderNumberIsLate() {
        SequenceTracker t = new SequenceTracker();
        t.accept("bithumb.spot", 1, 0);
        t.accept("bithumb.spot", 1, 2);
        assertThat(t.accept("bithumb.spot", 1, 1)).isEqualTo(Verdict.LATE);
        assertThat(t.late()).isEqualTo(1);
    }

    @Test
    void aNewEpochFromZeroIsFreshAndInTheMiddleIsAGap() {
        SequenceTracker t = new SequenceTracker();
        t.accept("binance.usdm", 1, 0);
        assertThat(t.accept("binance.usdm", 2, 0)).isEqualTo(Verdict.FRESH);
        assertThat(t.accept("binance.usdm", 3, 5)).isEqualTo(Verdict.GAP);
        assertThat(t.epochChanges()).isEqualTo(2);
        assertThat(t.missed()).isEqualTo(5);
    }

    @Test
    void aFeedFirstHeardInTheMiddleIsAGap() {
        SequenceTracker t = new SequenceTracker();
        assertThat(t.accept("binance.coinm", 4, 12)).isEqualTo(Verdict.GAP);
        assertThat(t.accept("binance.coinm", 4, 13)).isEqualTo(Verdict.NEXT);
    }
}
