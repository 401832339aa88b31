package io.candlebus.order;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import java.math.BigDecimal;

/** Builds order requests for tests. */
public final class TestOrders {
    public static final Instrument BTCUSDT = Instrument.parse("binance:spot:BTCUSDT");
    public static final Instrument KRW_XRP = Instrument.parse("bithumb:spot:KRW-XRP");

    private TestOrders() {}

    public static OrderRequest market(String id, Instrument instrument, Side side, String quantity, String price) {
        return new OrderRequest(
                id,
                instrument,
                side,
                OrderType.MARKET,
                new BigDecimal(quantity),
                price == null ? null : new BigDecimal(price),
                "test");
    }

    public static OrderRequest limit(String id, Instrument instrument, Side side, String quantity, String price) {
        return new OrderRequest(
                id, instrument, side, OrderType.LIMIT, new BigDecimal(quantity), new BigDecimal(price), "test");
    }
}
