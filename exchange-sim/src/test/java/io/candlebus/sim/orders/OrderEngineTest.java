package io.candlebus.sim.orders;

import static io.candlebus.sim.orders.FakeTape.BTCUSDT;
import static io.candlebus.sim.orders.FakeTape.KRW_BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderEngineTest {
    private final FakeTape tape = new FakeTape();
    private final OrderEngine engine = new OrderEngine(tape);
    private final SimAccount binance =
            engine.account(SimVenue.BINANCE_SPOT, SimAccounts.BINANCE_API_KEY).orElseThrow();
    private final SimAccount bithumb =
            engine.account(SimVenue.BITHUMB, SimAccounts.BITHUMB_ACCESS_KEY).orElseThrow();

    private static NewOrder limit(Instrument i, Side side, String price, String quantity, String clientId) {
        return new NewOrder(i, side, OrderType.LIMIT, d(price), d(quantity), null, clientId, TimeInForce.GTC);
    }

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    private BigDecimal free(SimAccount account, String asset) {
        return engine.balances(account).stream()
                .filter(b -> b.asset().equals(asset))
                .findFirst()
                .orElseThrow()
                .free();
    }

    private BigDecimal locked(SimAccount account, String asset) {
        return engine.balances(account).stream()
                .filter(b -> b.asset().equals(asset))
                .findFirst()
                .orElseThrow()
                .locked();
    }

    @Test
    void restingBuyFillsOnlyWhenTradesCrossItsPriceAndInParts() throws OrderRejection {
        SimOrder placed = engine.place(binance, limit(BTCUSDT, Side.BUY, "86000.00", "0.5", "a"))
                .order();
        assertThat(placed.status()).isEqualTo(SimOrderStatus.NEW);
        assertThat(locked(binance, "USDT")).isEqualByComparingTo("43000");

        tape.print(BTCUSDT, "86000.01", "5");
        assertThat(engine.order(binance, placed.orderId()).orElseThrow().status())
                .isEqualTo(SimOrderStatus.NEW);

        tape.print(BTCUSDT, "86000.00", "0.2");
        SimOrder partial = engine.order(binance, placed.orderId()).orElseThrow();
        assertThat(partial.status()).isEqualTo(SimOrderStatus.PARTIALLY_FILLED);
        assertThat(partial.executedQuantity()).isEqualByComparingTo("0.2");

        tape.print(BTCUSDT, "85900.00", "3");
        SimOrder filled = engine.order(binance, placed.orderId()).orElseThrow();
        assertThat(filled.status()).isEqualTo(SimOrderStatus.FILLED);
        assertThat(filled.fills()).extracting(SimFill::price).allMatch(p -> p.compareTo(d("86000")) == 0);
        assertThat(filled.fills()).extracting(SimFill::maker).containsOnly(true);
        assertThat(filled.executedQuote()).isEqualByComparingTo("43000");
        // Binance takes the fee from the asset received: 0.1 % of 0.5 BTC.
        assertThat(filled.paidFee()).isEqualByComparingTo("0.0005");
        assertThat(free(binance, "BTC")).isEqualByComparingTo("10.4995");
        assertThat(free(binance, "USDT")).isEqualByComparingTo("957000");
        assertThat(locked(binance, "USDT")).isZero();
    }

    @Test
    void marketableLimitFillsAtOnceAtTheLastPriceAndReturnsTheRestOfItsReserve() throws OrderRejection {
        SimOrder order = engine.place(binance, limit(BTCUSDT, Side.BUY, "88000.00", "0.1", null))
                .order();
        assertThat(order.status()).isEqualTo(SimOrderStatus.FILLED);
        assertThat(order.fills()).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo("87000");
            assertThat(f.maker()).isFalse();
        });
        assertThat(free(binance, "USDT")).isEqualByComparingTo("991300");
        assertThat(locked(binance, "USDT")).isZero();
    }

    @Test
    void marketSellFillsAtTheLastPriceAndPaysTheFeeInQuote() throws OrderRejection {
        NewOrder sell = new NewOrder(BTCUSDT, Side.SELL, OrderType.MARKET, null, d("1"), null, "m", TimeInForce.GTC);
        SimOrder order = engine.place(binance, sell).order();
        assertThat(order.status()).isEqualTo(SimOrderStatus.FILLED);
        assertThat(free(binance, "BTC")).isEqualByComparingTo("9");
        assertThat(free(binance, "USDT")).isEqualByComparingTo("1086913");
    }

    @Test
    void bithumbReservesTheFeeInKrwAndChargesItOnFills() throws OrderRejection {
        SimOrder order = engine.place(bithumb, limit(KRW_BTC, Side.BUY, "130000000", "0.01", "b1"))
                .order();
        assertThat(locked(bithumb, "KRW")).isEqualByComparingTo("1303250");
        tape.print(KRW_BTC, "129999000", "0.5");
        SimOrder filled = engine.order(bithumb, order.orderId()).orElseThrow();
        assertThat(filled.status()).isEqualTo(SimOrderStatus.FILLED);
        assertThat(filled.paidFee()).isEqualByComparingTo("3250");
        assertThat(free(bithumb, "KRW")).isEqualByComparingTo("998696750");
        assertThat(free(bithumb, "BTC")).isEqualByComparingTo("10.01");
        assertThat(locked(bithumb, "KRW")).isZero();
    }

    @Test
    void bithumbMarketBuySpendsItsFundsAtTheLastPrice() throws OrderRejection {
        NewOrder buy =
                new NewOrder(KRW_BTC, Side.BUY, OrderType.MARKET, null, null, d("1000000"), "f", TimeInForce.GTC);
        SimOrder order = engine.place(bithumb, buy).order();
        assertThat(order.status()).isEqualTo(SimOrderStatus.FILLED);
        assertThat(order.executedQuantity()).isEqualByComparingTo("0.00763358");
        assertThat(order.quantity()).isEqualByComparingTo("0.00763358");
        assertThat(locked(bithumb, "KRW")).isZero();
        BigDecimal spent = d("1000000000").subtract(free(bithumb, "KRW"));
        assertThat(spent).isEqualByComparingTo(order.executedQuote().add(order.paidFee()));
    }

    @Test
    void enforcesTickLotAndMinimumValue() {
        assertThatThrownBy(() -> engine.place(binance, limit(BTCUSDT, Side.BUY, "86000.001", "0.1", null)))
                .isInstanceOfSatisfying(
                        OrderRejection.class, e -> assertThat(e.reason()).isEqualTo(OrderRejection.Reason.PRICE_TICK))
                .hasMessageStartingWith("price:");
        assertThatThrownBy(() -> engine.place(binance, limit(BTCUSDT, Side.BUY, "86000", "0.000011", null)))
                .isInstanceOfSatisfying(OrderRejection.class, e -> assertThat(e.reason())
                        .isEqualTo(OrderRejection.Reason.QUANTITY_STEP));
        assertThatThrownBy(() -> engine.place(binance, limit(BTCUSDT, Side.BUY, "86000", "0.00005", null)))
                .isInstanceOfSatisfying(OrderRejection.class, e -> assertThat(e.reason())
                        .isEqualTo(OrderRejection.Reason.MIN_NOTIONAL));
        // Bithumb's table: 1,000 KRW ticks above 1,000,000.
        assertThatThrownBy(() -> engine.place(bithumb, limit(KRW_BTC, Side.BUY, "130000500", "0.01", null)))
                .isInstanceOfSatisfying(
                        OrderRejection.class, e -> assertThat(e.reason()).isEqualTo(OrderRejection.Reason.PRICE_TICK));
        assertThatThrownBy(() -> engine.place(bithumb, limit(KRW_BTC, Side.BUY, "130000000", "0.00003", null)))
                .isInstanceOfSatisfying(OrderRejection.class, e -> assertThat(e.reason())
                        .isEqualTo(OrderRejection.Reason.MIN_NOTIONAL));
        assertThatThrownBy(() -> engine.place(bithumb, limit(KRW_BTC, Side.BUY, "130000000", "0.000000001", null)))
                .isInstanceOfSatisfying(OrderRejection.class, e -> assertThat(e.reason())
                        .isEqualTo(OrderRejection.Reason.QUANTITY_STEP));
        assertThat(engine.orders(binance)).isEmpty();
        assertThat(engine.orders(bithumb)).isEmpty();
    }

    @Test
    void refusesWhatTheBalanceCannotCoverAndMovesNothing() {
        assertThatThrownBy(() -> engine.place(binance, limit(BTCUSDT, Side.SELL, "90000", "10.00001", null)))
                .isInstanceOfSatisfying(OrderRejection.class, e -> assertThat(e.reason())
                        .isEqualTo(OrderRejection.Reason.INSUFFICIENT_BALANCE))
                .hasMessageContaining("BTC");
        assertThat(free(binance, "BTC")).isEqualByComparingTo("10");
        assertThat(locked(binance, "BTC")).isZero();
    }

    @Test
    void binanceClientIdIsTakenOnlyWhileItsOrderIsOpen() throws OrderRejection {
        SimOrder first = engine.place(binance, limit(BTCUSDT, Side.BUY, "80000", "0.01", "cid"))
                .order();
        assertThatThrownBy(() -> engine.place(binance, limit(BTCUSDT, Side.BUY, "80000", "0.01", "cid")))
                .isInstanceOfSatisfying(OrderRejection.class, e -> assertThat(e.reason())
                        .isEqualTo(OrderRejection.Reason.DUPLICATE_CLIENT_ORDER_ID));
        engine.cancel(binance, first.orderId());
        SimOrder second = engine.place(binance, limit(BTCUSDT, Side.BUY, "80000", "0.01", "cid"))
                .order();
        assertThat(second.orderId()).isNotEqualTo(first.orderId());
        assertThat(engine.orderByClientId(binance, "cid").orElseThrow().orderId())
                .isEqualTo(second.orderId());
    }

    @Test
    void bithumbRepeatOfAClientIdReturnsTheOrderAndAChangedOneIsRefusedForGood() throws OrderRejection {
        OrderEngine.Placement first = engine.place(bithumb, limit(KRW_BTC, Side.BUY, "120000000", "0.01", "x"));
        OrderEngine.Placement again = engine.place(bithumb, limit(KRW_BTC, Side.BUY, "120000000", "0.010", "x"));
        assertThat(first.existing()).isFalse();
        assertThat(again.existing()).isTrue();
        assertThat(again.order().orderId()).isEqualTo(first.order().orderId());
        assertThatThrownBy(() -> engine.place(bithumb, limit(KRW_BTC, Side.BUY, "121000000", "0.01", "x")))
                .isInstanceOfSatisfying(OrderRejection.class, e -> assertThat(e.reason())
                        .isEqualTo(OrderRejection.Reason.DUPLICATE_CLIENT_ORDER_ID));
        engine.cancel(bithumb, first.order().orderId());
        assertThat(engine.place(bithumb, limit(KRW_BTC, Side.BUY, "120000000", "0.01", "x"))
                        .existing())
                .isTrue();
        assertThat(engine.orders(bithumb)).hasSize(1);
    }

    @Test
    void cancelFreesTheReserveOnceAndOnlyForTheOwner() throws OrderRejection {
        SimOrder order = engine.place(binance, limit(BTCUSDT, Side.SELL, "95000", "2", null))
                .order();
        assertThat(locked(binance, "BTC")).isEqualByComparingTo("2");
        assertThatThrownBy(() -> engine.cancel(
                        engine.openAccount(SimVenue.BINANCE_SPOT, "other", "s", java.util.Map.of()), order.orderId()))
                .isInstanceOfSatisfying(OrderRejection.class, e -> assertThat(e.reason())
                        .isEqualTo(OrderRejection.Reason.ORDER_NOT_FOUND));
        assertThat(engine.cancel(binance, order.orderId()).status()).isEqualTo(SimOrderStatus.CANCELED);
        assertThat(locked(binance, "BTC")).isZero();
        assertThat(free(binance, "BTC")).isEqualByComparingTo("10");
        assertThatThrownBy(() -> engine.cancel(binance, order.orderId()))
                .isInstanceOfSatisfying(OrderRejection.class, e -> assertThat(e.reason())
                        .isEqualTo(OrderRejection.Reason.NOT_CANCELABLE));
        tape.print(BTCUSDT, "96000", "5");
        assertThat(engine.order(binance, order.orderId()).orElseThrow().executedQuantity())
                .isZero();
    }

    @Test
    void restingOrdersShareATradeBestPriceFirst() throws OrderRejection {
        SimOrder low = engine.place(binance, limit(BTCUSDT, Side.BUY, "86000", "1", null))
                .order();
        SimOrder high = engine.place(binance, limit(BTCUSDT, Side.BUY, "86500", "1", null))
                .order();
        tape.print(BTCUSDT, "85000", "1.5");
        assertThat(engine.order(binance, high.orderId()).orElseThrow().status()).isEqualTo(SimOrderStatus.FILLED);
        SimOrder lowNow = engine.order(binance, low.orderId()).orElseThrow();
        assertThat(lowNow.executedQuantity()).isEqualByComparingTo("0.5");
        assertThat(engine.openOrders(binance, BTCUSDT))
                .extracting(SimOrder::orderId)
                .containsExactly(low.orderId());
    }

    @Test
    void immediateOrCancelThatCannotFillExpiresAndFreesItsReserve() throws OrderRejection {
        NewOrder ioc =
                new NewOrder(BTCUSDT, Side.BUY, OrderType.LIMIT, d("80000"), d("0.01"), null, null, TimeInForce.IOC);
        assertThat(engine.place(binance, ioc).order().status()).isEqualTo(SimOrderStatus.EXPIRED);
        assertThat(locked(binance, "USDT")).isZero();
    }

    @Test
    void aHiddenNextOrderStaysInvisibleUntilItIsOldEnoughWheneverItComes() throws OrderRejection {
        engine.faults().hideNextOrdersFor(1, 10_000);
        SimOrder hidden = engine.place(binance, limit(BTCUSDT, Side.BUY, "80000.00", "0.01", "h1"))
                .order();
        SimOrder visible = engine.place(binance, limit(BTCUSDT, Side.BUY, "80000.00", "0.01", "h2"))
                .order();

        assertThat(engine.faults().hidden(hidden, tape.now() + 9_999)).isTrue();
        assertThat(engine.faults().hidden(visible, tape.now())).isFalse();
        assertThat(engine.faults().hidden(hidden, tape.now() + 10_000)).isFalse();
    }
}
