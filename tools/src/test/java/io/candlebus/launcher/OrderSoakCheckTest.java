package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.candlebus.order.journal.JournalEntry;
import io.candlebus.order.journal.OrderState;
import io.candlebus.sim.orders.NewOrder;
import io.candlebus.sim.orders.SimOrder;
import io.candlebus.sim.orders.SimOrderStatus;
import io.candlebus.sim.orders.TimeInForce;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderSoakCheckTest {
    private static final Instrument BTCUSDT = Instrument.parse("binance:spot:BTCUSDT");
    private long nextOrderId = 1;

    private static JournalEntry journaled(String id, OrderState state, String filled) {
        OrderRequest request =
                new OrderRequest(id, BTCUSDT, Side.BUY, OrderType.MARKET, new BigDecimal("0.001"), null, "signal");
        return new JournalEntry(request, 1, state, null, new BigDecimal(filled), null, 2);
    }

    private SimOrder atVenue(String id, SimOrderStatus status, String executed) {
        NewOrder request = new NewOrder(
                BTCUSDT, Side.BUY, OrderType.MARKET, null, new BigDecimal("0.001"), null, id, TimeInForce.GTC);
        return new SimOrder(
                nextOrderId++,
                "acct",
                request,
                status,
                new BigDecimal(executed),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                List.of(),
                1,
                2);
    }

    @Test
    void aJournalThatMatchesTheBookIsClean() {
        OrderSoakCheck.Result result = OrderSoakCheck.check(
                List.of(
                        journaled("a", OrderState.FILLED, "0.001"),
                        journaled("b", OrderState.REJECTED, "0"),
                        journaled("c", OrderState.CANCELED, "0")),
                List.of(atVenue("a", SimOrderStatus.FILLED, "0.001"), atVenue("c", SimOrderStatus.EXPIRED, "0")));

        assertThat(result.line()).isEqualTo("intents=3 orders=2 duplicates=0 lost=0 mismatched=0");
        assertThat(result.clean()).isTrue();
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void countsDuplicatesLostOnEitherSideAndMismatchedStates() {
        OrderSoakCheck.Result result = OrderSoakCheck.check(
                List.of(
                        journaled("dup", OrderState.FILLED, "0.001"),
                        journaled("believed", OrderState.NEW, "0"),
                        journaled("refused", OrderState.REJECTED, "0"),
                        journaled("state", OrderState.NEW, "0"),
                        journaled("filled", OrderState.FILLED, "0.0005")),
                List.of(
                        atVenue("dup", SimOrderStatus.FILLED, "0.001"),
                        atVenue("dup", SimOrderStatus.FILLED, "0.001"),
                        atVenue("refused", SimOrderStatus.NEW, "0"),
                        atVenue("state", SimOrderStatus.FILLED, "0.001"),
                        atVenue("filled", SimOrderStatus.FILLED, "0.001"),
                        atVenue("stranger", SimOrderStatus.NEW, "0")));

        assertThat(result.line()).isEqualTo("intents=5 orders=5 duplicates=1 lost=3 mismatched=2");
        assertThat(result.clean()).isFalse();
        assertThat(result.problems())
                .anyMatch(p -> p.startsWith("duplicate: dup has 2"))
                .anyMatch(p -> p.startsWith("lost: believed is NEW"))
                .anyMatch(p -> p.startsWith("lost: refused is REJECTED"))
                .anyMatch(p -> p.contains("client order id stranger"))
                .anyMatch(p -> p.startsWith("mismatched: state journal NEW"))
                .anyMatch(p -> p.startsWith("mismatched: filled"));
    }
}
