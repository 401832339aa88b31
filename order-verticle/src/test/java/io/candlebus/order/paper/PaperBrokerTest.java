package io.candlebus.order.paper;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static io.candlebus.order.TestOrders.KRW_XRP;
import static io.candlebus.order.TestOrders.limit;
import static io.candlebus.order.TestOrders.market;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PaperBrokerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L), ZoneOffset.UTC);

    private final PaperBroker broker = new PaperBroker(CLOCK);

    private OrderEvent submit(OrderRequest request) {
        Future<OrderEvent> result = broker.submit(request);
        assertThat(result.succeeded()).as("the paper broker answers at once").isTrue();
        return result.result();
    }

    @Test
    void fillsAMarketOrderAtItsReferencePrice() {
        OrderEvent event = submit(market("a-1", BTCUSDT, Side.BUY, "0.001", "86950.12"));

        assertThat(event.clientOrderId()).isEqualTo("a-1");
        assertThat(event.exchangeOrderId()).isEqualTo("paper-1");
        assertThat(event.instrument()).isEqualTo(BTCUSDT);
        assertThat(event.side()).isEqualTo(Side.BUY);
        assertThat(event.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(event.quantity()).isEqualByComparingTo("0.001");
        assertThat(event.filledQuantity()).isEqualByComparingTo("0.001");
        assertThat(event.price()).isEqualByComparingTo("86950.12");
        assertThat(event.position()).isEqualByComparingTo("0.001");
        assertThat(event.reason()).isEqualTo("paper fill at the reference price");
        assertThat(event.paper()).isTrue();
        assertThat(event.time()).isEqualTo(CLOCK.millis());
    }

    @Test
    void fillsALimitOrderAtItsLimitPrice() {
        OrderEvent event = submit(limit("a-1", BTCUSDT, Side.SELL, "0.002", "90000"));
        assertThat(event.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(event.price()).isEqualByComparingTo("90000");
        assertThat(event.position()).isEqualByComparingTo("-0.002");
        assertThat(event.reason()).isEqualTo("paper fill at the limit price");
    }

    @Test
    void keepsNetPositionsPerInstrumentExactly() {
        submit(market("a-1", BTCUSDT, Side.BUY, "0.001", "87000"));
        submit(market("a-2", BTCUSDT, Side.BUY, "0.002", "87001"));
        submit(market("a-3", KRW_XRP, Side.SELL, "100", "800"));
        OrderEvent last = submit(market("a-4", BTCUSDT, Side.SELL, "0.0005", "87002"));

        assertThat(last.position()).isEqualTo(new BigDecimal("0.0025"));
        assertThat(last.exchangeOrderId()).isEqualTo("paper-4");
        assertThat(broker.position(BTCUSDT)).isEqualTo(new BigDecimal("0.0025"));
        assertThat(broker.position(KRW_XRP)).isEqualByComparingTo("-100");
        assertThat(broker.position(io.candlebus.contract.Instrument.parse("binance:usdm:ETHUSDT")))
                .isEqualByComparingTo("0");
    }

    @Test
    void rejectsAMarketOrderWithoutAReferencePrice() {
        submit(market("a-1", BTCUSDT, Side.BUY, "0.001", "87000"));
        OrderEvent event = submit(market("a-2", BTCUSDT, Side.BUY, "0.001", null));

        assertThat(event.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(event.reason()).contains("MARKET order needs a reference price in order.price");
        assertThat(event.exchangeOrderId()).isNull();
        assertThat(event.filledQuantity()).isEqualByComparingTo("0");
        assertThat(event.position()).isEqualByComparingTo("0.001");
        assertThat(event.paper()).isTrue();
        assertThat(broker.position(BTCUSDT)).isEqualByComparingTo("0.001");
        assertThat(submit(market("a-3", BTCUSDT, Side.BUY, "0.001", "87000")).exchangeOrderId())
                .isEqualTo("paper-2");
    }
}
