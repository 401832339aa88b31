package io.candlebus.market.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.market.BadInputException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinanceRestKlineTest {
    private static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesTheDocumentedRowsExactly() throws Exception {
        String body = "[[1767225600000,\"87310.01\",\"87340.00\",\"87301.12\",\"87322.55\",\"12.40351\",1767225659999,"
                + "\"1083051.88\",1410,\"6.90012\",\"602514.33\",\"0\"],"
                + "[1767225660000,\"87322.55\",\"87330.00\",\"87290.00\",\"87295.10\",\"8.11205\",1767225719999,"
                + "\"708260.71\",997,\"3.20480\",\"279800.12\",\"0\"]]";

        List<Candle> rows = BinanceRestKline.parse(bytes(body), BTC, Interval.M1, e -> {
            throw new AssertionError(e);
        });

        assertThat(rows).hasSize(2);
        Candle first = rows.get(0);
        assertThat(first.openTime()).isEqualTo(1767225600000L);
        assertThat(first.open()).isEqualTo(new BigDecimal("87310.01"));
        assertThat(first.high()).isEqualTo(new BigDecimal("87340.00"));
        assertThat(first.low()).isEqualTo(new BigDecimal("87301.12"));
        assertThat(first.close()).isEqualTo(new BigDecimal("87322.55"));
        assertThat(first.volume()).isEqualTo(new BigDecimal("12.40351"));
        assertThat(first.quoteVolume()).isEqualTo(new BigDecimal("1083051.88"));
        assertThat(first.tradeCount()).isEqualTo(1410);
        assertThat(first.takerBuyBaseVolume()).isEqualTo(new BigDecimal("6.90012"));
        assertThat(first.takerBuyQuoteVolume()).isEqualTo(new BigDecimal("602514.33"));
        assertThat(first.closed()).isTrue();
        assertThat(first.source()).isEqualTo(CandleSource.REST);
        assertThat(rows.get(1).openTime()).isEqualTo(1767225660000L);
    }

    @Test
    void skipsBadRowsAndKeepsTheGoodOnes() throws Exception {
        String body = "[[1767225600000,\"10\",\"9\",\"11\",\"10\",\"1\",1767225659999,\"10\",1,\"0\",\"0\",\"0\"],"
                + "[1767225660000,\"10\",\"12\",\"9\",\"11\",\"1\",1767225719999,\"10\",1,\"0\",\"0\"],"
                + "[1767225720000,\"10\"],"
                + "\"x\"]";
        List<BadInputException> rejected = new ArrayList<>();

        List<Candle> rows = BinanceRestKline.parse(bytes(body), BTC, Interval.M1, rejected::add);

        assertThat(rows).extracting(Candle::openTime).containsExactly(1767225660000L);
        assertThat(rejected)
                .extracting(BadInputException::kind)
                .containsExactly("high-below-low", "missing-field", "wrong-type");
    }

    @Test
    void rejectsABodyThatIsNotAnArray() {
        assertThatThrownBy(() -> BinanceRestKline.parse(
                        bytes("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"), BTC, Interval.M1, e -> {}))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("wrong-type");
        assertThatThrownBy(() -> BinanceRestKline.parse(bytes("[[1,"), BTC, Interval.M1, e -> {}))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("malformed-json");
    }

    @Test
    void rejectsAnOpenTimeBeyondYear9999InsteadOfOverflowing() throws Exception {
        long openTime = Long.MAX_VALUE - 59_999;
        String body = "[[" + openTime + ",\"10\",\"12\",\"9\",\"11\",\"1\"," + (openTime + 59_999)
                + ",\"10\",1,\"0\",\"0\",\"0\"]]";
        List<BadInputException> rejected = new ArrayList<>();

        List<Candle> rows = BinanceRestKline.parse(bytes(body), BTC, Interval.M1, rejected::add);

        assertThat(rows).isEmpty();
        assertThat(rejected).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo("bad-time"));
    }
}
