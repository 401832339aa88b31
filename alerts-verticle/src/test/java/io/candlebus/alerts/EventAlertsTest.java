package io.candlebus.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import io.candlebus.contract.Signal;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class EventAlertsTest {
    static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    private final EventAlerts events = new EventAlerts(60_000);

    static Signal signal(long openTime, String reason) {
        return new Signal(
                Signal.idOf("bb-lower", BTC, Interval.M1, openTime, Side.BUY),
                "bb-lower",
                BTC,
                Interval.M1,
                openTime,
                Side.BUY,
                new BigDecimal("87000.10"),
                reason,
                openTime + 60_000);
    }

    static OrderEvent order(String id, OrderStatus status, String reason) {
        return new OrderEvent(
                id,
                "ex-" + id,
                BTC,
                Side.BUY,
                status,
                new BigDecimal("0.001"),
                status == OrderStatus.FILLED ? new BigDecimal("0.001") : BigDecimal.ZERO,
                new BigDecimal("87000.10"),
                new BigDecimal("0.002"),
                reason,
                true,
                1_000);
    }

    @Test
    void aFreshSignalIsAlertedAndAHistoricalOneIsNot() {
        long open = 1_700_000_040_000L;
        Alert a = events.signal(signal(open, "close below lower band"), open + 60_000 + 5_000)
                .orElseThrow();
        assertThat(a.kind()).isEqualTo(AlertKind.SIGNAL);
        assertThat(a.subject()).isEqualTo("binance:spot:BTCUSDT 1m");
        assertThat(a.text()).contains("BUY at 87000.10 (rule bb-lower)", "close below lower band");
        assertThat(a.id()).isEqualTo(signal(open, "").id());

        assertThat(events.signal(signal(open, "warm-up"), open + 60_000 + 60_001))
                .isEmpty();
    }

    @Test
    void placedFilledAndRejectedOrdersButNotCancellations() {
        assertThat(events.order(order("c1", OrderStatus.ACCEPTED, ""))
                        .orElseThrow()
                        .kind())
                .isEqualTo(AlertKind.ORDER_PLACED);
        Alert filled = events.order(order("c1", OrderStatus.FILLED, "")).orElseThrow();
        assertThat(filled.kind()).isEqualTo(AlertKind.ORDER_FILLED);
        assertThat(filled.text()).contains("BUY 0.001, filled 0.001 at 87000.10 (paper)", "position 0.002");
        Alert rejected = events.order(order("c2", OrderStatus.REJECTED, "maxPosition exceeded"))
                .orElseThrow();
        assertThat(rejected.kind()).isEqualTo(AlertKind.ORDER_REJECTED);
        assertThat(rejected.text()).contains("reason: maxPosition exceeded");
        assertThat(rejected.id()).isEqualTo("c2|REJECTED");
        assertThat(events.order(order("c3", OrderStatus.CANCELLED, ""))).isEmpty();
    }
}
