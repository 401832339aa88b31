package io.candlebus.order.paper;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static io.candlebus.order.TestOrders.limit;
import static io.candlebus.order.TestOrders.market;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import io.candlebus.order.AssetBalance;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperBrokerTest {
    private static final Instrument USDM_BTC = Instrument.parse("binance:usdm:BTCUSDT");
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");

    private final TestPaper.MutableClock clock = new TestPaper.MutableClock(1_700_000_000_123L);
    private final List<OrderEvent> later = new ArrayList<>();
    private final List<String> fills = new ArrayList<>();
    private PaperBroker broker = broker(TestPaper.noSlippage());

    private PaperBroker broker(PaperSettings settings) {
        return new PaperBroker(
                clock,
                settings,
                TestPaper.RULES,
                later::add,
                (i, s, q, p, f, t) ->
                        fills.add(s + " " + q.toPlainString() + "@" + p.toPlainString() + " fee " + f.toPlainString()));
    }

    private OrderEvent answered(OrderRequest request) {
        Future<OrderEvent> result = broker.submit(request);
        assertThat(result.isComplete()).as("answered at once").isTrue();
        return result.result();
    }

    private BigDecimal free(String asset) {
        return balance(asset).free();
    }

    private AssetBalance balance(String asset) {
        return broker.balances().result().stream()
                .filter(b -> b.asset().equals(asset))
                .findFirst()
                .orElse(new AssetBalance(asset, BigDecimal.ZERO, BigDecimal.ZERO));
    }

    @Test
    void aMarketOrderIgnoresItsPriceAndFillsAtTheNextObservedPricePlusSlippage() {
        broker = broker(PaperSettings.defaults().withSlippageBps(new BigDecimal("10")));
        broker.observe(BTCUSDT, new BigDecimal("86000"), null);
        Future<OrderEvent> result = broker.submit(market("m-1", BTCUSDT, Side.BUY, "0.001", "1"));
        assertThat(result.isComplete()).as("waits for the next observed price").isFalse();

        broker.observe(BTCUSDT, new BigDecimal("87000"), new BigDecimal("0.5"));

        OrderEvent filled = result.result();
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.price()).isEqualByComparingTo("87087"); // 87000 + 10 bps
        assertThat(filled.filledQuantity()).isEqualByComparingTo("0.001");
        assertThat(filled.exchangeOrderId()).isEqualTo("paper-1");
        assertThat(filled.paper()).isTrue();
        assertThat(filled.reason()).contains("own price is ignored").contains("fees 0.087087 USDT");
        assertThat(free("binance:spot:BTC")).isEqualByComparingTo("0.001");
        // 10000 - 87.087 - 0.1 % taker fee
        assertThat(free("binance:spot:USDT")).isEqualByComparingTo("9912.825913");
        assertThat(fills).containsExactly("BUY 0.001@87087 fee 0.087087");
    }

    @Test
    void aRestingLimitOrderFillsOnlyWhenTradesCrossItsPriceAndTradeSizesMakePartialFills() {
        broker.observe(BTCUSDT, new BigDecimal("86000"), new BigDecimal("1"));
        OrderEvent resting = answered(limit("l-1", BTCUSDT, Side.BUY, "0.001", "80000"));
        assertThat(resting.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(resting.filledQuantity()).isEqualByComparingTo("0");
        assertThat(balance("binance:spot:USDT").locked()).isEqualByComparingTo("80.08"); // value + taker fee

        broker.observe(BTCUSDT, new BigDecimal("80000.01"), new BigDecimal("1"));
        assertThat(later).isEmpty();

        broker.observe(BTCUSDT, new BigDecimal("79999"), new BigDecimal("0.0004"));
        assertThat(later).hasSize(1);
        assertThat(later.get(0).status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(later.get(0).filledQuantity()).isEqualByComparingTo("0.0004");
        assertThat(later.get(0).price()).isEqualByComparingTo("80000");

        broker.observe(BTCUSDT, new BigDecimal("79990"), new BigDecimal("5"));
        assertThat(later).hasSize(2);
        assertThat(later.get(1).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(later.get(1).filledQuantity()).isEqualByComparingTo("0.001");
        assertThat(later.get(1).price()).isEqualByComparingTo("80000");
        assertThat(balance("binance:spot:USDT").locked()).isEqualByComparingTo("0");
        // 10000 - 80 - 0.1 % maker fee
        assertThat(free("binance:spot:USDT")).isEqualByComparingTo("9919.92");
        assertThat(broker.position(BTCUSDT)).isEqualByComparingTo("0.001");
        assertThat(broker.openOrders()).isZero();
    }

    @Test
    void aLimitOrderTheMarketAlreadyCrossesFillsOnArrivalAtTheLastPrice() {
        broker.observe(BTCUSDT, new BigDecimal("86000"), null);
        OrderEvent event = answered(limit("l-1", BTCUSDT, Side.BUY, "0.001", "90000"));
        assertThat(event.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(event.price()).isEqualByComparingTo("86000");
    }

    @Test
    void aSpotSellWithoutTheBaseAssetIsRefusedSoSpotNeverGoesShort() {
        broker.observe(BTCUSDT, new BigDecimal("86000"), null);
        OrderEvent event = answered(market("s-1", BTCUSDT, Side.SELL, "0.008", null));
        assertThat(event.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(event.reason())
                .isEqualTo("paper insufficient balance: SELL 0.008 binance:spot:BTCUSDT needs 0.008 BTC in the"
                        + " binance:spot paper account, 0 free (spot cannot go short)");
        assertThat(broker.position(BTCUSDT)).isEqualByComparingTo("0");
    }

    @Test
    void aBuyNeedsTheQuoteAsset() {
        broker = broker(new PaperSettings(
                Map.of("binance:spot", Map.of("USDT", new BigDecimal("50"))),
                PaperSettings.defaults().fees(),
                BigDecimal.ZERO,
                BigDecimal.ONE,
                10_000));
        OrderEvent limitBuy = answered(limit("b-1", BTCUSDT, Side.BUY, "0.001", "80000"));
        assertThat(limitBuy.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(limitBuy.reason()).contains("needs 80.08 USDT").contains("50 free");

        Future<OrderEvent> marketBuy = broker.submit(market("b-2", BTCUSDT, Side.BUY, "0.001", null));
        broker.observe(BTCUSDT, new BigDecimal("86000"), null);
        assertThat(marketBuy.result().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(marketBuy.result().reason()).contains("needs 86.086 USDT");
        assertThat(free("binance:spot:USDT")).isEqualByComparingTo("50");
    }

    @Test
    void venueRuleViolationsAreRejectedNamingTheRuleAndValues() {
        broker.observe(BTCUSDT, new BigDecimal("86000"), null);
        assertThat(answered(limit("r-1", BTCUSDT, Side.BUY, "0.001", "80000.005"))
                        .reason())
                .isEqualTo("paper Filter failure: PRICE_FILTER: price 80000.005 is not a multiple of the tick 0.01 of"
                        + " binance:spot:BTCUSDT (test exchangeInfo)");
        assertThat(answered(limit("r-2", BTCUSDT, Side.BUY, "0.0000001", "80000"))
                        .reason())
                .contains("LOT_SIZE: quantity 0.0000001 is not a multiple of the step 0.00001");
        assertThat(answered(market("r-3", BTCUSDT, Side.BUY, "0.00001", "100000"))
                        .reason())
                .contains("NOTIONAL: price x quantity 0.86 is below the minimum 5");
        assertThat(answered(limit("r-4", KRW_BTC, Side.BUY, "0.001", "130000500"))
                        .reason())
                .contains("PRICE_FILTER: price 130000500 is not a multiple of the tick 1000");
        assertThat(answered(limit("r-5", KRW_BTC, Side.BUY, "0.00003", "130000000"))
                        .reason())
                .contains("NOTIONAL: price x quantity 3900 is below the minimum 5000");
    }

    @Test
    void aMarketOrderWithoutAnObservedPriceIsRejectedAfterTheWait() {
        Future<OrderEvent> result = broker.submit(market("w-1", BTCUSDT, Side.BUY, "0.001", "87000"));
        clock.advance(4_999);
        broker.expire();
        assertThat(result.isComplete()).isFalse();
        clock.advance(1);
        broker.expire();
        assertThat(result.result().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(result.result().reason()).contains("no price of binance:spot:BTCUSDT was observed within 5000 ms");
        assertThat(broker.openOrders()).isZero();
    }

    @Test
    void cancelReleasesTheLockAndTheKillSwitchCancelsEveryOpenOrder() {
        broker.observe(BTCUSDT, new BigDecimal("86000"), null);
        answered(limit("c-1", BTCUSDT, Side.BUY, "0.001", "80000"));
        answered(limit("c-2", BTCUSDT, Side.BUY, "0.001", "81000"));
        Future<OrderEvent> waiting = broker.submit(market("c-3", USDM_BTC, Side.BUY, "0.002", null));

        OrderEvent cancelled = broker.cancel("c-1").result();
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(broker.cancel("c-1").result()).isSameAs(cancelled);
        assertThat(broker.cancel("nope").failed()).isTrue();

        List<OrderEvent> killed = broker.cancelOpen("daily loss");
        assertThat(killed).extracting(OrderEvent::clientOrderId).containsExactly("c-2");
        assertThat(killed.get(0).reason()).isEqualTo("paper: cancelled by the kill switch: daily loss");
        assertThat(waiting.result().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(balance("binance:spot:USDT").locked()).isEqualByComparingTo("0");
        assertThat(free("binance:spot:USDT")).isEqualByComparingTo("10000");
    }

    @Test
    void futuresTrackPositionAndMarginAndRealiseProfitIntoTheWallet() {
        broker = broker(new PaperSettings(
                Map.of("binance:usdm", Map.of("USDT", new BigDecimal("1000"))),
                Map.of("binance:usdm", new Fees(BigDecimal.ZERO, BigDecimal.ZERO)),
                BigDecimal.ZERO,
                new BigDecimal("2"),
                10_000));
        broker.observe(USDM_BTC, new BigDecimal("87000"), null);
        Future<OrderEvent> open = broker.submit(market("f-1", USDM_BTC, Side.BUY, "0.01", null));
        broker.observe(USDM_BTC, new BigDecimal("87000"), null);
        assertThat(open.result().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(balance("binance:usdm:USDT").locked()).isEqualByComparingTo("435"); // 870 / 2
        assertThat(free("binance:usdm:USDT")).isEqualByComparingTo("565");

        Future<OrderEvent> close = broker.submit(market("f-2", USDM_BTC, Side.SELL, "0.01", null));
        broker.observe(USDM_BTC, new BigDecimal("88000"), null);
        assertThat(close.result().position()).isEqualByComparingTo("0");
        assertThat(balance("binance:usdm:USDT").locked()).isEqualByComparingTo("0");
        assertThat(free("binance:usdm:USDT")).isEqualByComparingTo("1010");

        Future<OrderEvent> tooBig = broker.submit(market("f-3", USDM_BTC, Side.SELL, "0.03", null));
        broker.observe(USDM_BTC, new BigDecimal("88000"), null);
        assertThat(tooBig.result().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(tooBig.result().reason()).contains("needs 1320 USDT");
    }

    @Test
    void unavailableRulesRejectTheOrder() {
        PaperBroker noRules = new PaperBroker(
                clock,
                TestPaper.noSlippage(),
                i -> Future.failedFuture("GET exchangeInfo answered HTTP 503"),
                later::add,
                (i, s, q, p, f, t) -> {});
        OrderEvent event = noRules.submit(limit("u-1", BTCUSDT, Side.BUY, "0.001", "80000"))
                .result();
        assertThat(event.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(event.reason())
                .isEqualTo("paper: the trading rules of binance:spot:BTCUSDT are unavailable: GET exchangeInfo"
                        + " answered HTTP 503");
    }

    @Test
    void liveCandlesFillOnlyInstrumentsWhoseTradesAreNotSeen() {
        broker.observe(BTCUSDT, new BigDecimal("86000"), null);
        answered(limit("k-1", BTCUSDT, Side.BUY, "0.001", "80000"));
        broker.observe(BTCUSDT, new BigDecimal("86000"), new BigDecimal("1"));
        broker.observe(BTCUSDT, new BigDecimal("79000"), null);
        assertThat(later).isEmpty();
        broker.observe(BTCUSDT, new BigDecimal("79000"), new BigDecimal("1"));
        assertThat(later).extracting(OrderEvent::status).containsExactly(OrderStatus.FILLED);
    }
}
