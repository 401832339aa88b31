package io.candlebus.order;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderJournalTest {

    private static OrderEvent event(String id, OrderStatus status, String price) {
        return new OrderEvent(
                id,
                "paper-1",
                BTCUSDT,
                Side.BUY,
                status,
                new BigDecimal("0.001"),
                new BigDecimal("0.001"),
                new BigDecimal(price),
                new BigDecimal("0.001"),
                "test",
                true,
                1L);
    }

    @Test
    void remembersTheFirstResultPerClientOrderId() {
        OrderJournal journal = new OrderJournal(10);
        assertThat(journal.find("a")).isEmpty();
        OrderEvent first = event("a", OrderStatus.FILLED, "87000");
        assertThat(journal.record(first)).isTrue();
        assertThat(journal.record(event("a", OrderStatus.REJECTED, "1"))).isFalse();
        assertThat(journal.find("a")).containsSame(first);
        assertThat(journal.find("b")).isEmpty();
        assertThat(journal.size()).isEqualTo(1);
    }

    @Test
    void forgetsTheOldestIdsBeyondItsCapacity() {
        OrderJournal journal = new OrderJournal(2);
        journal.record(event("a", OrderStatus.FILLED, "1"));
        journal.record(event("b", OrderStatus.FILLED, "1"));
        journal.record(event("c", OrderStatus.FILLED, "1"));
        assertThat(journal.find("a")).isEmpty();
        assertThat(journal.find("b")).isPresent();
        assertThat(journal.find("c")).isPresent();
        assertThat(journal.size()).isEqualTo(2);
        assertThatThrownBy(() -> new OrderJournal(0)).hasMessage("capacity: expected >= 1, was 0");
    }

    @Test
    void listsTheLatestStatesNewestFirstAndKeepsTheRequests() {
        OrderJournal journal = new OrderJournal(10);
        OrderRequest a = TestOrders.market("a", TestOrders.BTCUSDT, Side.BUY, "0.001", "1");
        journal.record(a, event("a", OrderStatus.ACCEPTED, "1"));
        journal.record(event("b", OrderStatus.FILLED, "1"));
        journal.record(event("c", OrderStatus.FILLED, "1"));
        OrderEvent filled = event("a", OrderStatus.FILLED, "1");
        journal.update(filled);

        assertThat(journal.recent(10, null))
                .extracting(OrderEvent::clientOrderId)
                .containsExactly("c", "b", "a");
        assertThat(journal.recent(2, null))
                .extracting(OrderEvent::clientOrderId)
                .containsExactly("c", "b");
        assertThat(journal.recent(10, null).get(2)).isSameAs(filled);
        assertThat(journal.recent(10, TestOrders.KRW_XRP)).isEmpty();
        assertThat(journal.request("a")).containsSame(a);
        assertThat(journal.request("b")).isEmpty();
    }
}
