package io.candlebus.order;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static io.candlebus.order.TestOrders.market;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import io.candlebus.order.paper.PaperBroker;
import io.candlebus.order.paper.TestPaper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderDeskTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_006_400_000L), ZoneOffset.UTC);

    private final List<OrderEvent> events = new ArrayList<>();

    private OrderDesk desk(Broker broker) {
        return new OrderDesk(broker, new RiskLimits(OrderConfig.defaults()), new OrderJournal(100), CLOCK, events::add);
    }

    /**
     * Answers like a live broker would, later: each submit waits until the test completes or fails it.
     * Fills go through a real paper broker.
     */
    private static final class LaterBroker implements Broker {
        final PaperBroker paper = TestPaper.broker(CLOCK, TestPaper.noSlippage(), e -> {});
        final List<Promise<OrderEvent>> waiting = new ArrayList<>();
        final List<OrderRequest> submitted = new ArrayList<>();

        @Override
        public Future<OrderEvent> submit(OrderRequest request) {
            submitted.add(request);
            Promise<OrderEvent> answer = Promise.promise();
            waiting.add(answer);
            return answer.future();
        }

        @Override
        public BigDecimal position(Instrument instrument) {
            return paper.position(instrument);
        }

        @Override
        public Future<List<AssetBalance>> balances() {
            return paper.balances();
        }

        @Override
        public Future<OrderEvent> cancel(String clientOrderId) {
            return paper.cancel(clientOrderId);
        }

        void fill(int index) {
            Future<OrderEvent> filled = paper.submit(submitted.get(index));
            paper.observe(BTCUSDT, new BigDecimal("87000"), null);
            waiting.get(index).complete(filled.result());
        }
    }

    @Test
    void placesANewOrderOnceAndRepliesToRepeatsWithTheRecordedResult() {
        PaperBroker paper = TestPaper.broker(CLOCK, TestPaper.noSlippage(), e -> {});
        OrderDesk desk = desk(paper);
        OrderDesk.Placement first = desk.place(market("c-1", BTCUSDT, Side.BUY, "0.001", "87000"));
        OrderDesk.Placement again = desk.place(market("c-1", BTCUSDT, Side.SELL, "0.002", "1"));
        paper.observe(BTCUSDT, new BigDecimal("87000"), null);

        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.result().result()).isSameAs(first.result().result());
        assertThat(events).containsExactly(first.result().result());
        assertThat(first.result().result().status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void aRepeatWhileTheBrokerIsWorkingGetsTheSameResultAndPlacesNothing() {
        LaterBroker broker = new LaterBroker();
        OrderDesk desk = desk(broker);
        OrderDesk.Placement first = desk.place(market("c-1", BTCUSDT, Side.BUY, "0.001", "87000"));
        OrderDesk.Placement again = desk.place(market("c-1", BTCUSDT, Side.BUY, "0.001", "87000"));

        assertThat(again.duplicate()).isTrue();
        assertThat(broker.submitted).hasSize(1);
        assertThat(again.result().isComplete()).isFalse();
        broker.fill(0);
        assertThat(again.result().result()).isSameAs(first.result().result());
        assertThat(events).hasSize(1);
        assertThat(desk.place(market("c-1", BTCUSDT, Side.BUY, "0.001", "87000"))
                        .duplicate())
                .isTrue();
        assertThat(broker.submitted).hasSize(1);
    }

    @Test
    void aBrokerFailureIsNotJournaledSoARetryMayPlaceTheOrder() {
        LaterBroker broker = new LaterBroker();
        OrderDesk desk = desk(broker);
        OrderDesk.Placement first = desk.place(market("c-1", BTCUSDT, Side.BUY, "0.001", "87000"));
        broker.waiting.get(0).fail("connection reset");

        assertThat(first.result().failed()).isTrue();
        assertThat(events).isEmpty();
        OrderDesk.Placement retry = desk.place(market("c-1", BTCUSDT, Side.BUY, "0.001", "87000"));
        assertThat(retry.duplicate()).isFalse();
        broker.fill(1);
        assertThat(retry.result().result().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(events).hasSize(1);
    }

    @Test
    void aRiskViolationIsRecordedAsARejectionAndNeverReachesTheBroker() {
        LaterBroker broker = new LaterBroker();
        OrderDesk desk = desk(broker);
        OrderEvent rejected = desk.place(market("c-1", BTCUSDT, Side.BUY, "1", "87000"))
                .result()
                .result();

        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.reason()).startsWith("risk limit maxOrderQuantity");
        assertThat(rejected.paper()).isTrue();
        assertThat(rejected.time()).isEqualTo(CLOCK.millis());
        assertThat(broker.submitted).isEmpty();
        assertThat(desk.place(market("c-1", BTCUSDT, Side.BUY, "0.001", "87000"))
                        .result()
                        .result())
                .isSameAs(rejected);
        assertThat(events).containsExactly(rejected);
    }
}
