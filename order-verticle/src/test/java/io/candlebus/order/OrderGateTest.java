package io.candlebus.order;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static io.candlebus.order.TestOrders.KRW_XRP;
import static io.candlebus.order.TestOrders.market;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.FailureCode;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OrderGateTest {
    private static final long NOW = 1_700_006_460_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    private final KillSwitch kill = new KillSwitch(false, NOW);
    private final AtomicBoolean reconciled = new AtomicBoolean(true);
    private final LastPrices prices = new LastPrices();
    private final OrderJournal results = new OrderJournal(OrderJournal.DEFAULT_CAPACITY);
    private final OrderGate gate = new OrderGate(kill, reconciled::get, prices, results, CLOCK);

    @Test
    void aFollowedInstrumentPassesAndAnUnfollowedOneIsRefusedNamingIt() {
        prices.observe(TestOrders.candle(BTCUSDT, NOW - 60_000, "87000"), NOW - 1_000);

        assertThat(gate.forSubmit(market("a", BTCUSDT, Side.BUY, "0.001", null)))
                .isEmpty();
        OrderGate.Refusal refused =
                gate.forSubmit(market("b", KRW_XRP, Side.BUY, "1", null)).orElseThrow();
        assertThat(refused.counter()).isEqualTo("invalid");
        assertThat(refused.code()).isEqualTo(FailureCode.REJECTED);
        assertThat(refused.message()).startsWith("order.instrument: bithumb:spot:KRW-XRP is not followed");
        assertThat(gate.forSignal()).isEmpty();
    }

    @Test
    void anInstrumentSilentForMoreThanThreeMinutesIsNoLongerFollowed() {
        prices.observe(TestOrders.candle(BTCUSDT, NOW - 300_000, "87000"), NOW - LastPrices.FOLLOWED_WITHIN_MILLIS - 1);

        assertThat(gate.forSubmit(market("a", BTCUSDT, Side.BUY, "0.001", null)))
                .hasValueSatisfying(r -> assertThat(r.message()).contains("is not followed"));
    }

    @Test
    void aKnownIdIsLetThroughSoTheDeskAnswersItFromTheRecord() {
        results.record(new OrderEvent(
                "known",
                "paper-1",
                KRW_XRP,
                Side.BUY,
                OrderStatus.FILLED,
                BigDecimal.ONE,
                BigDecimal.ONE,
                BigDecimal.TEN,
                BigDecimal.ONE,
                "filled",
                true,
                NOW));

        assertThat(gate.forSubmit(market("known", KRW_XRP, Side.BUY, "1", null)))
                .isEmpty();
    }

    @Test
    void aTrippedKillSwitchRefusesSignalsAndSubmitsWithItsReason() {
        prices.observe(TestOrders.candle(BTCUSDT, NOW - 60_000, "87000"), NOW);
        kill.trip("POST /orders/kill: test", NOW);

        OrderGate.Refusal submit =
                gate.forSubmit(market("a", BTCUSDT, Side.BUY, "0.001", null)).orElseThrow();
        assertThat(submit.counter()).isEqualTo("refusedKillSwitch");
        assertThat(submit.code()).isEqualTo(FailureCode.REJECTED);
        assertThat(submit.message()).isEqualTo(kill.refusal()).contains("POST /orders/kill: test");
        assertThat(gate.forSignal())
                .hasValueSatisfying(r -> assertThat(r.counter()).isEqualTo("refusedKillSwitch"));
    }

    @Test
    void anUnreconciledJournalRefusesEveryNewOrderAsUnavailable() {
        prices.observe(TestOrders.candle(BTCUSDT, NOW - 60_000, "87000"), NOW);
        reconciled.set(false);

        OrderGate.Refusal submit =
                gate.forSubmit(market("a", BTCUSDT, Side.BUY, "0.001", null)).orElseThrow();
        assertThat(submit.counter()).isEqualTo("refusedReconciling");
        assertThat(submit.code()).isEqualTo(FailureCode.UNAVAILABLE);
        assertThat(submit.message()).startsWith("reconciling the order journal with the venues after a start");
        assertThat(gate.forSignal())
                .hasValueSatisfying(r -> assertThat(r.message()).contains("still being reconciled"));

        reconciled.set(true);
        assertThat(gate.forSubmit(market("a", BTCUSDT, Side.BUY, "0.001", null)))
                .isEmpty();
    }
}
