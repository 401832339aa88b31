package io.candlebus.strategy;

import static io.candlebus.strategy.TestCandles.KRW_BTC;
import static io.candlebus.strategy.TestCandles.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PriceSourceTest {
    private static final Candle CANDLE =
            TestCandles.ohlc(KRW_BTC, Interval.M1, T0, "130001000", "130009000", "129990000", "130004000");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "close, 130004000, 130004000",
        "hl2, 129999500, 259999000",
        "hlc3, 130001000, 390003000",
        "ohlc4, 130001000, 520004000"
    })
    void averagesTheNamedPrices(String code, double price, String exactSum) {
        PriceSource source = PriceSource.parse(code);
        assertThat(source.code()).isEqualTo(code);
        assertThat(source.of(CANDLE)).isEqualTo(price);
        assertThat(source.exactSum(CANDLE)).isEqualByComparingTo(exactSum);
    }

    @ParameterizedTest
    @EnumSource(PriceSource.class)
    void doubleValueIsTheExactMeanRoundedWithinAFewUnitsInTheLastPlace(PriceSource source) {
        Candle btc =
                TestCandles.ohlc(TestCandles.BTCUSDT, Interval.M1, T0, "87000.01", "87010.07", "86990.03", "87003.11");
        double exact = source.exactSum(btc)
                .divide(BigDecimal.valueOf(source.count()), MathContext.DECIMAL128)
                .doubleValue();
        assertThat(Math.abs(source.of(btc) - exact)).isLessThanOrEqualTo(4 * Math.ulp(exact));
    }

    @ParameterizedTest
    @EnumSource(PriceSource.class)
    void aFlatCandleIsItsClose(PriceSource source) {
        Candle flat = TestCandles.closed(KRW_BTC, Interval.M1, T0, "130004000");
        assertThat(source.of(flat)).isEqualTo(130004000.0);
    }

    @ParameterizedTest
    @CsvSource({"Close", "hlcc4", "''"})
    void rejectsUnknownNames(String code) {
        assertThatThrownBy(() -> PriceSource.parse(code))
                .hasMessage("priceSource: expected one of close, hl2, hlc3, ohlc4, was '" + code + "'");
    }
}
