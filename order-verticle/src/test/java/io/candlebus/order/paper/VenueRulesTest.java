package io.candlebus.order.paper;

import static io.candlebus.order.TestOrders.limit;
import static io.candlebus.order.TestOrders.market;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class VenueRulesTest {
    private static final Instrument BTCUSDT = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument USDM = Instrument.parse("binance:usdm:BTCUSDT");
    private static final Instrument COINM = Instrument.parse("binance:coinm:BTCUSD_PERP");
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final Instrument KRW_XRP = Instrument.parse("bithumb:spot:KRW-XRP");

    /** A trimmed spot exchangeInfo answer in Binance's published shape. */
    private static final String SPOT =
            """
            {"timezone":"UTC","serverTime":1767225600000,"symbols":[{"symbol":"BTCUSDT","status":"TRADING",
             "baseAsset":"BTC","quoteAsset":"USDT","filters":[
              {"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"1000000.00000000","tickSize":"0.01000000"},
              {"filterType":"LOT_SIZE","minQty":"0.00001000","maxQty":"9000.00000000","stepSize":"0.00001000"},
              {"filterType":"ICEBERG_PARTS","limit":10},
              {"filterType":"NOTIONAL","minNotional":"5.00000000","applyMinToMarket":true,"maxNotional":"9000000.00000000"}]}]}
            """;

    private static final String FUTURES =
            """
            {"symbols":[{"symbol":"ETHUSDT","status":"TRADING","filters":[]},
             {"symbol":"BTCUSDT","status":"TRADING","filters":[
              {"filterType":"PRICE_FILTER","tickSize":"0.10"},{"filterType":"LOT_SIZE","stepSize":"0.001"},
              {"filterType":"MIN_NOTIONAL","notional":"100"}]},
             {"symbol":"BTCUSD_PERP","contractStatus":"TRADING","contractSize":100,"filters":[
              {"filterType":"PRICE_FILTER","tickSize":"0.1"},{"filterType":"LOT_SIZE","stepSize":"1"}]}]}
            """;

    @Test
    void readsSpotFiltersFromExchangeInfo() {
        VenueRules rules = ExchangeInfoRules.parse(new JsonObject(SPOT), BTCUSDT);
        assertThat(rules.tickSize()).isEqualByComparingTo("0.01");
        assertThat(rules.stepSize()).isEqualByComparingTo("0.00001");
        assertThat(rules.minNotional()).isEqualByComparingTo("5");
        assertThat(rules.contractSize()).isEqualByComparingTo("1");
        assertThat(rules.violation(limit("a", BTCUSDT, Side.BUY, "0.001", "87000.01"), null))
                .isEmpty();
    }

    @Test
    void readsFuturesFiltersAndTheContractSize() {
        VenueRules usdm = ExchangeInfoRules.parse(new JsonObject(FUTURES), USDM);
        assertThat(usdm.minNotional()).isEqualByComparingTo("100");
        assertThat(usdm.violation(limit("a", USDM, Side.BUY, "0.001", "87000"), null))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Filter failure: NOTIONAL: price x quantity 87"));
        VenueRules coinm = ExchangeInfoRules.parse(new JsonObject(FUTURES), COINM);
        assertThat(coinm.contractSize()).isEqualByComparingTo("100");
        assertThat(coinm.minNotional()).isEqualByComparingTo("0");
        assertThat(coinm.violation(market("a", COINM, Side.BUY, "1", null), new BigDecimal("87000")))
                .isEmpty();
        assertThat(coinm.violation(market("a", COINM, Side.BUY, "1.5", null), null))
                .hasValueSatisfying(
                        v -> assertThat(v).contains("LOT_SIZE: quantity 1.5 is not a multiple of the step 1"));
    }

    @Test
    void aSymbolMissingFromExchangeInfoOrNotTradingCannotBeTraded() {
        assertThatThrownBy(
                        () -> ExchangeInfoRules.parse(new JsonObject(SPOT), Instrument.parse("binance:spot:DOGEUSDT")))
                .hasMessage("binance:spot:DOGEUSDT is not tradable: its symbol is not in the venue's exchangeInfo");
        assertThatThrownBy(() ->
                        ExchangeInfoRules.parse(new JsonObject(SPOT.replace("\"TRADING\"", "\"BREAK\"")), BTCUSDT))
                .hasMessage("binance:spot:BTCUSDT is not tradable: exchangeInfo status BREAK");
        assertThatThrownBy(() ->
                        ExchangeInfoRules.parse(new JsonObject(FUTURES), Instrument.parse("binance:usdm:ETHUSDT")))
                .hasMessageContaining("expected PRICE_FILTER and LOT_SIZE filters");
    }

    @Test
    void bithumbUsesItsKrwTickTableByPriceBand() {
        VenueRules krw = VenueRules.bithumb(KRW_BTC);
        assertThat(krw.tickAt(new BigDecimal("130000000"))).isEqualByComparingTo("1000");
        assertThat(krw.tickAt(new BigDecimal("999999"))).isEqualByComparingTo("500");
        assertThat(krw.tickAt(new BigDecimal("100000"))).isEqualByComparingTo("100");
        assertThat(krw.tickAt(new BigDecimal("7500"))).isEqualByComparingTo("5");
        assertThat(krw.tickAt(new BigDecimal("850"))).isEqualByComparingTo("1");
        assertThat(krw.tickAt(new BigDecimal("55.5"))).isEqualByComparingTo("0.01");
        assertThat(krw.tickAt(new BigDecimal("0.5"))).isEqualByComparingTo("0.0001");
        assertThat(VenueRules.bithumb(KRW_XRP).violation(limit("a", KRW_XRP, Side.BUY, "10", "850.5"), null))
                .hasValueSatisfying(
                        v -> assertThat(v).contains("PRICE_FILTER: price 850.5 is not a multiple of the tick 1"));
        assertThat(krw.violation(limit("a", KRW_BTC, Side.BUY, "0.000000001", "130000000"), null))
                .hasValueSatisfying(v -> assertThat(v).contains("step 0.00000001"));
        assertThat(krw.violation(market("a", KRW_BTC, Side.SELL, "0.00003", null), new BigDecimal("130000000")))
                .hasValueSatisfying(v -> assertThat(v).contains("below the minimum 5000"));
        assertThat(krw.violation(market("a", KRW_BTC, Side.SELL, "0.0001", null), new BigDecimal("130000000")))
                .isEmpty();
    }

    @Test
    void assetsAreReadFromTheSymbol() {
        assertThat(InstrumentAssets.of(BTCUSDT)).isEqualTo(new InstrumentAssets("binance:spot", "BTC", "USDT", "USDT"));
        assertThat(InstrumentAssets.of(KRW_XRP)).isEqualTo(new InstrumentAssets("bithumb:spot", "XRP", "KRW", "KRW"));
        assertThat(InstrumentAssets.of(COINM)).isEqualTo(new InstrumentAssets("binance:coinm", "BTC", "USD", "BTC"));
        assertThat(InstrumentAssets.of(Instrument.parse("binance:spot:ETHFDUSD"))
                        .quote())
                .isEqualTo("FDUSD");
        assertThat(InstrumentAssets.of(COINM).inverse()).isTrue();
        assertThat(InstrumentAssets.of(USDM).futures()).isTrue();
    }
}
