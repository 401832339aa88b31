package io.candlebus.sim.orders;

import static io.candlebus.sim.orders.FakeTape.COINM_BTC;
import static io.candlebus.sim.orders.FakeTape.USDM_BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FuturesTest {
    private final FakeTape tape = new FakeTape();
    private final OrderEngine engine = new OrderEngine(tape);
    private final SimAccount usdm =
            engine.account(SimVenue.BINANCE_USDM, SimAccounts.BINANCE_API_KEY).orElseThrow();
    private final SimAccount coinm =
            engine.account(SimVenue.BINANCE_COINM, SimAccounts.BINANCE_API_KEY).orElseThrow();

    private static NewOrder market(Instrument i, Side side, String quantity) {
        return new NewOrder(i, side, OrderType.MARKET, null, new BigDecimal(quantity), null, null, TimeInForce.GTC);
    }

    private Balance balance(SimAccount account, String asset) {
        return engine.balances(account).stream()
                .filter(b -> b.asset().equals(asset))
                .findFirst()
                .orElseThrow();
    }

    private Position position(SimAccount account, Instrument instrument) {
        return engine.positions(account).stream()
                .filter(p -> p.instrument().equals(instrument))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void usdmLongHoldsMarginAndClosingRealisesTheProfitLessFees() throws OrderRejection {
        engine.place(usdm, market(USDM_BTC, Side.BUY, "0.01"));
        Position open = position(usdm, USDM_BTC);
        assertThat(open.quantity()).isEqualByComparingTo("0.01");
        assertThat(open.entryPrice()).isEqualByComparingTo("87010");
        // 870.10 USDT of BTC at 20x holds 43.505 USDT; the taker fee is 0.05 %.
        assertThat(balance(usdm, "USDT").locked()).isEqualByComparingTo("43.505");
        assertThat(balance(usdm, "USDT").free()).isEqualByComparingTo("999956.05995");

        tape.print(USDM_BTC, "88010.0", "0.5");
        engine.place(usdm, market(USDM_BTC, Side.SELL, "0.01"));
        Position closed = position(usdm, USDM_BTC);
        assertThat(closed.quantity()).isZero();
        assertThat(closed.realizedProfit()).isEqualByComparingTo("10");
        assertThat(balance(usdm, "USDT").locked()).isZero();
        assertThat(balance(usdm, "USDT").free()).isEqualByComparingTo("1000009.1249");
    }

    @Test
    void futuresMayGoShortWhereSpotCannot() throws OrderRejection {
        engine.place(usdm, market(USDM_BTC, Side.SELL, "0.002"));
        assertThat(position(usdm, USDM_BTC).quantity()).isEqualByComparingTo("-0.002");
        tape.print(USDM_BTC, "86010.0", "0.5");
        engine.place(usdm, market(USDM_BTC, Side.BUY, "0.004"));
        Position flipped = position(usdm, USDM_BTC);
        assertThat(flipped.quantity()).isEqualByComparingTo("0.002");
        assertThat(flipped.entryPrice()).isEqualByComparingTo("86010");
        assertThat(flipped.realizedProfit()).isEqualByComparingTo("2");
    }

    @Test
    void coinmIsInverseInContractsWithMarginAndProfitInTheCoin() throws OrderRejection {
        SimOrder buy = engine.place(coinm, market(COINM_BTC, Side.BUY, "10")).order();
        // 10 contracts of 100 USD at 87,020 are 0.01149161 BTC.
        assertThat(buy.executedQuote()).isEqualByComparingTo("0.01149161");
        assertThat(buy.fills().get(0).feeAsset()).isEqualTo("BTC");
        assertThat(balance(coinm, "BTC").locked()).isEqualByComparingTo("0.00057459");

        tape.print(COINM_BTC, "88020.0", "5");
        engine.place(coinm, market(COINM_BTC, Side.SELL, "10"));
        // 1,000 USD x (1/87020 - 1/88020).
        assertThat(position(coinm, COINM_BTC).realizedProfit()).isEqualByComparingTo("0.00013056");
        assertThat(balance(coinm, "BTC").locked()).isZero();
    }

    @Test
    void usdmRefusesOrdersUnder100UsdtAndWholeContractsRuleCoinm() {
        assertThatThrownBy(() -> engine.place(usdm, market(USDM_BTC, Side.BUY, "0.001")))
                .isInstanceOfSatisfying(OrderRejection.class, e -> assertThat(e.reason())
                        .isEqualTo(OrderRejection.Reason.MIN_NOTIONAL));
        assertThatThrownBy(() -> engine.place(coinm, market(COINM_BTC, Side.BUY, "1.5")))
                .isInstanceOfSatisfying(OrderRejection.class, e -> assertThat(e.reason())
                        .isEqualTo(OrderRejection.Reason.QUANTITY_STEP));
        assertThatThrownBy(() -> engine.place(usdm, market(COINM_BTC, Side.BUY, "1")))
                .isInstanceOfSatisfying(OrderRejection.class, e -> assertThat(e.reason())
                        .isEqualTo(OrderRejection.Reason.UNKNOWN_INSTRUMENT));
    }
}
