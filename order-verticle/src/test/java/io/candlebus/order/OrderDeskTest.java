package io.candlebus.order;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static io.candlebus.order.TestOrders.market;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.OrderType;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderDeskTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_006_400_000L), ZoneOffset.UTC);

    private final List<OrderEvent> events = new ArrayList<>();
    private final Map<Instrument, BigDecimal> lastPrices = new HashMap<>(Map.of(BTCUSDT, new BigDecimal("87000")));

    private OrderDesk desk(Broker broker) {
        return desk(broker, OrderConfig.defaults());
    }

    private OrderDesk desk(Broker broker, OrderConfig config) {
        return new OrderDesk(
                broker,
                new RiskLimits(config),
                new PriceGuard(config),
                i -> Optional.ofNullable(lastPrices.get(i)),
                new OrderJournal(100),
                CLOCK,
                events::add);
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
        // The same order, its decimals written otherwise: a repeat, not a conflict.
        OrderDesk.Placement again = desk.place(market("c-1", BTCUSDT, Side.BUY, "0.00100", "87000.0"));
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
    void anIdReusedWithOtherParametersIsAConflictNamingTheField() {
        PaperBroker paper = TestPaper.broker(CLOCK, TestPaper.noSlippage(), e -> {});
        OrderDesk desk = desk(paper);
        desk.place(market("c-1", BTCUSDT, Side.BUY, "0.001", "87000"));
        paper.observe(BTCUSDT, new BigDecimal("87000"), null);

        assertThatThrownBy(() -> desk.place(market("c-1", BTCUSDT, Side.BUY, "0.002", "87000")))
                .isInstanceOf(OrderIdConflict.class)
                .hasMessage("order.quantity: client order id 'c-1' was already used for an order with quantity 0.001,"
                        + " this request has 0.002; an id names one order, use a new id for a new order");
        assertThatThrownBy(() -> desk.place(market("c-1", BTCUSDT, Side.SELL, "0.001", "87000")))
                .hasMessageStartingWith("order.side: ");
        assertThat(events).hasSize(1);
    }

    @Test
    void anIdReusedWhileTheFirstIsAtTheBrokerIsAConflictToo() {
        LaterBroker broker = new LaterBroker();
        OrderDesk desk = desk(broker);
        desk.place(market("c-1", BTCUSDT, Side.BUY, "0.001", "87000"));

        assertThatThrownBy(() -> desk.place(market("c-1", TestOrders.KRW_XRP, Side.BUY, "0.001", "87000")))
                .hasMessageStartingWith("order.instrument: ");
        assertThat(broker.submitted).hasSize(1);
    }

    @Test
    void aLimitPriceFarFromTheLastPriceIsRefusedAsAFatFinger() {
        LaterBroker broker = new LaterBroker();
        OrderDesk desk = desk(broker);
        OrderEvent rejected = desk.place(limit("c-1", "0.001", "8700")).result().result();

        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.reason())
                .isEqualTo("risk limit maxPriceDeviationPercent: LIMIT price 8700 is 90.00% from the last price 87000"
                        + " of binance:spot:BTCUSDT, more than 10%");
        desk.place(limit("c-2", "0.001", "80000"));
        assertThat(broker.submitted).extracting(OrderRequest::clientOrderId).containsExactly("c-2");
    }

    @Test
    void aLimitOrderWithoutAnObservedPriceIsRefused() {
        lastPrices.clear();
        LaterBroker broker = new LaterBroker();
        OrderEvent rejected =
                desk(broker).place(limit("c-1", "0.001", "87000")).result().result();

        assertThat(rejected.reason()).startsWith("risk limit maxPriceDeviationPercent: no recent price of");
        assertThat(broker.submitted).isEmpty();
    }

    @Test
    void theNotionalLimitValuesAMarketOrderAtTheLastPriceNotItsReferencePrice() {
        OrderConfig config = new OrderConfig(
                OrderConfig.PAPER,
                true,
                10,
                60_000,
                new InstrumentSettings(
                        new BigDecimal("0.001"), new BigDecimal("1"), new BigDecimal("1"), new BigDecimal("100")),
                Map.of());
        LaterBroker broker = new LaterBroker();
        OrderDesk desk = desk(broker, config);
        // 0.002 x 87000 = 174 > 100, whatever price the client claims.
        OrderEvent rejected = desk.place(market("c-1", BTCUSDT, Side.BUY, "0.002", "1"))
                .result()
                .result();
        assertThat(rejected.reason())
                .isEqualTo("risk limit maxNotional: order value 174 (quantity 0.002 x price 87000) exceeds 100 for"
                        + " binance:spot:BTCUSDT");
        desk.place(market("c-2", BTCUSDT, Side.BUY, "0.001", "1"));
        assertThat(broker.submitted).extracting(OrderRequest::clientOrderId).containsExactly("c-2");
    }

    @Test
    void aRiskRejectionDoesNotKeepTheIdSoTheSameOrderMayPassLater() {
        LaterBroker broker = new LaterBroker();
        OrderDesk desk = desk(broker);
        lastPrices.put(BTCUSDT, new BigDecimal("50000"));
        OrderEvent rejected =
                desk.place(limit("c-1", "0.001", "87000")).result().result();
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);

        lastPrices.put(BTCUSDT, new BigDecimal("86000"));
        OrderDesk.Placement later = desk.place(limit("c-1", "0.001", "87000"));
        assertThat(later.duplicate()).isFalse();
        assertThat(broker.submitted).extracting(OrderRequest::clientOrderId).containsExactly("c-1");
    }

    private static OrderRequest limit(String id, String quantity, String price) {
        return new OrderRequest(
                id, BTCUSDT, Side.BUY, OrderType.LIMIT, new BigDecimal(quantity), new BigDecimal(price), "test");
    }

    @Test
    void aRiskViolationIsRejectedAndNeverReachesTheBroker() {
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
        assertThat(events).containsExactly(rejected);
    }
}
