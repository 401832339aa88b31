package io.candlebus.market.venue;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandoverTest {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final Instrument KRW_ETH = Instrument.parse("bithumb:spot:KRW-ETH");
    private static final Instrument KRW_XRP = Instrument.parse("bithumb:spot:KRW-XRP");
    private static final long T0 = 1_767_225_600_000L;
    private static final long NANOS = 5_000_000_000L;

    private final Handover handover = new Handover(Set.of("KRW-BTC", "KRW-ETH"), T0 + 120_000, NANOS, 4);

    @Test
    void isProvenOnlyWhenEveryCodeSharedATradeWithTheOldConnection() {
        handover.delivered(trade(KRW_BTC, 7), true, true);
        assertThat(handover.proven()).as("KRW-ETH still unproven").isFalse();
        assertThat(handover.unproven()).containsExactly("KRW-ETH");

        handover.delivered(trade(KRW_ETH, 9), false, true);
        assertThat(handover.proven()).isTrue();
    }

    @Test
    void aTradeTheOldConnectionSeesAfterTheReplacementProvesItsCode() {
        handover.delivered(trade(KRW_BTC, 7), false, false);
        handover.delivered(trade(KRW_ETH, 9), false, true);
        assertThat(handover.proven()).isFalse();

        // A different id proves nothing; ids are unique, not ordered.
        handover.seenOnOld(trade(KRW_BTC, 6));
        assertThat(handover.proven()).isFalse();
        // The same id on the other code proves nothing either.
        handover.seenOnOld(trade(KRW_ETH, 7));
        assertThat(handover.proven()).isFalse();

        handover.seenOnOld(trade(KRW_BTC, 7));
        assertThat(handover.proven()).isTrue();
    }

    @Test
    void aCodeAddedByTheHandoverNeedsNoProofAndARemovedCodeIsForgotten() {
        handover.delivered(trade(KRW_XRP, 1), false, false);
        handover.delivered(trade(KRW_BTC, 2), false, true);
        assertThat(handover.proven()).isFalse();

        handover.forget("KRW-ETH");
        assertThat(handover.proven()).isTrue();
    }

    @Test
    void buffersEveryTradeInTheOrderReceived() {
        handover.delivered(trade(KRW_BTC, 5), true, true);
        handover.delivered(trade(KRW_XRP, 3), false, false);
        handover.delivered(trade(KRW_BTC, 4), false, false);

        List<Handover.Delivered> buffered = handover.buffered();
        assertThat(buffered).extracting(d -> d.trade().tradeId()).containsExactly(5L, 3L, 4L);
        assertThat(buffered).extracting(Handover.Delivered::snapshot).containsExactly(true, false, false);
    }

    @Test
    void failsOnlyWhenBothTheClockAndTheRealDeadlineHavePassed() {
        assertThat(handover.failed(T0 + 119_999, NANOS + 1)).isFalse();
        assertThat(handover.failed(T0 + 120_000, NANOS - 1)).isFalse();
        assertThat(handover.failed(T0 + 120_000, NANOS)).isTrue();
    }

    @Test
    void failsWhenMoreTradesArriveThanItMayBufferEvenIfProven() {
        for (long id = 1; id <= 4; id++) {
            handover.delivered(trade(KRW_XRP, id), false, false);
        }
        handover.delivered(trade(KRW_BTC, 10), false, true);
        handover.delivered(trade(KRW_ETH, 11), false, true);

        assertThat(handover.proven()).as("a dropped trade would be lost").isFalse();
        assertThat(handover.failed(T0, 0)).isTrue();
        assertThat(handover.buffered()).hasSize(4);
    }

    private static Trade trade(Instrument instrument, long id) {
        return new Trade(instrument, new BigDecimal("100"), new BigDecimal("0.1"), T0 + id, Side.BUY, id);
    }
}
