package io.candlebus.order.bithumb;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static io.candlebus.order.TestOrders.KRW_XRP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Side;
import io.candlebus.order.TestOrders;
import org.junit.jupiter.api.Test;

class BithumbOrderBodyTest {

    @Test
    void limitOrderHashesAsTheDocumentedExample() {
        var body = BithumbOrderBody.of(TestOrders.limit(
                "sim-0001",
                io.candlebus.contract.Instrument.parse("bithumb:spot:KRW-BTC"),
                Side.BUY,
                "0.001",
                "100000000.0"));
        assertThat(BithumbQuery.of(body))
                .isEqualTo("market=KRW-BTC&side=bid&order_type=limit&price=100000000&volume=0.001"
                        + "&client_order_id=sim-0001");
    }

    @Test
    void marketBuySpendsQuantityTimesReferencePriceInWholeKrwAndMarketSellSendsItsVolume() {
        var buy = BithumbOrderBody.of(TestOrders.market("b", KRW_XRP, Side.BUY, "100", "3150.55"));
        assertThat(BithumbQuery.of(buy))
                .isEqualTo("market=KRW-XRP&side=bid&order_type=price&price=315055" + "&client_order_id=b");
        var sell = BithumbOrderBody.of(TestOrders.market("s", KRW_XRP, Side.SELL, "100", null));
        assertThat(BithumbQuery.of(sell))
                .isEqualTo("market=KRW-XRP&side=ask&order_type=market&volume=100" + "&client_order_id=s");
    }

    @Test
    void refusesWhatCannotBeSent() {
        assertThatThrownBy(() -> BithumbOrderBody.of(TestOrders.market("b", KRW_XRP, Side.BUY, "100", null)))
                .hasMessageStartingWith("order.price:");
        assertThatThrownBy(() -> BithumbOrderBody.of(TestOrders.market("b", BTCUSDT, Side.BUY, "1", "1")))
                .hasMessageStartingWith("order.instrument:");
    }
}
