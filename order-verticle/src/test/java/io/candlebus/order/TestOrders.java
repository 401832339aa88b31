package io.candlebus.order;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
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

    /** Returns a live 1m candle of {@code instrument} opening at {@code openTime} whose prices are all {@code price}. */
    public static Candle candle(Instrument instrument, long openTime, String price) {
        BigDecimal p = new BigDecimal(price);
        return new Candle(
                instrument,
                Interval.M1,
                openTime,
                p,
                p,
                p,
                p,
                BigDecimal.ONE,
                p,
                1,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                false,
                CandleSource.WEBSOCKET);
    }
}
