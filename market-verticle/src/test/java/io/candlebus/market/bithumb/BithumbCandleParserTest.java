package io.candlebus.market.bithumb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.market.BadInputException;
import io.candlebus.market.RestException;
import io.candlebus.market.venue.MinuteCandleRows;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BithumbCandleParserTest {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");

    private static final String DOC = "[{\"market\":\"KRW-BTC\",\"candle_date_time_utc\":\"2026-01-01T00:01:00\","
            + "\"candle_date_time_kst\":\"2026-01-01T09:01:00\",\"opening_price\":131250000,"
            + "\"high_price\":131300000,\"low_price\":131200000,\"trade_price\":131280000,"
            + "\"timestamp\":1767225719512,\"candle_acc_trade_price\":42811520.5,"
            + "\"candle_acc_trade_volume\":0.32611,\"unit\":1},"
            + "{\"market\":\"KRW-BTC\",\"candle_date_time_utc\":\"2026-01-01T00:00:00\","
            + "\"candle_date_time_kst\":\"2026-01-01T09:00:00\",\"opening_price\":131190000,"
            + "\"high_price\":131260000,\"low_price\":131180000,\"trade_price\":131250000,"
            + "\"timestamp\":1767225659870,\"candle_acc_trade_price\":30577004.1,"
            + "\"candle_acc_trade_volume\":0.23301,\"unit\":1}]";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesTheDocumentedCandlesNewestFirstWithUtcBucketStarts() throws Exception {
        List<Candle> rows = MinuteCandleRows.readBody(bytes(DOC), KRW_BTC, e -> {
            throw new AssertionError(e);
        });

        assertThat(rows).extracting(Candle::openTime).containsExactly(1767225660000L, 1767225600000L);
        Candle newest = rows.get(0);
        assertThat(newest.interval()).isEqualTo(Interval.M1);
        assertThat(newest.open()).isEqualTo(new BigDecimal("131250000"));
        assertThat(newest.high()).isEqualTo(new BigDecimal("131300000"));
        assertThat(newest.low()).isEqualTo(new BigDecimal("131200000"));
        assertThat(newest.close()).isEqualTo(new BigDecimal("131280000"));
        assertThat(newest.quoteVolume()).isEqualTo(new BigDecimal("42811520.5"));
        assertThat(newest.volume()).isEqualTo(new BigDecimal("0.32611"));
        assertThat(newest.tradeCount()).isZero();
        assertThat(newest.takerBuyBaseVolume()).isZero();
        assertThat(newest.takerBuyQuoteVolume()).isZero();
        assertThat(newest.closed()).isTrue();
        assertThat(newest.source()).isEqualTo(CandleSource.REST);
    }

    @Test
    void keepsLongDecimalTextExactly() throws Exception {
        String json = DOC.replace("42811520.5", "42811520.123456789012345678901");

        Candle c = MinuteCandleRows.readBody(bytes(json), KRW_BTC, e -> {}).get(0);

        assertThat(c.quoteVolume()).isEqualTo(new BigDecimal("42811520.123456789012345678901"));
    }

    @Test
    void skipsBadRowsByKind() throws Exception {
        String json = "[" + row("KRW-ETH", "2026-01-01T00:01:00", "1", "2", "1", "1") + ","
                + row("KRW-BTC", "2026-01-01 00:01", "1", "2", "1", "1") + ","
                + row("KRW-BTC", "2026-01-01T00:01:30", "1", "2", "1", "1") + ","
                + row("KRW-BTC", "2026-01-01T00:02:00", "1", "1", "2", "1") + ","
                + row("KRW-BTC", "2026-01-01T00:03:00", "-1", "2", "1", "1") + ","
                + row("KRW-BTC", "2026-01-01T00:04:00", "1", "2", "1", "1") + "]";
        List<BadInputException> rejected = new ArrayList<>();

        List<Candle> rows = MinuteCandleRows.readBody(bytes(json), KRW_BTC, rejected::add);

        assertThat(rows).extracting(Candle::openTime).containsExactly(1767225840000L);
        assertThat(rejected)
                .extracting(BadInputException::kind)
                .containsExactly("unknown-symbol", "bad-time", "misaligned", "high-below-low", "non-positive");
    }

    @Test
    void rejectsABodyThatIsNotAnArray() {
        assertThatThrownBy(() -> MinuteCandleRows.readBody(bytes("{\"market\":\"KRW-BTC\"}"), KRW_BTC, e -> {}))
                .hasMessageContaining("wrong-type");
    }

    @Test
    void anErrorBodyIsTheVenuesRefusal() {
        assertThatThrownBy(() -> MinuteCandleRows.readBody(
                        bytes("{\"error\":{\"name\":\"x\",\"message\":\"y\"}}"), KRW_BTC, e -> {}))
                .isInstanceOf(RestException.class)
                .hasMessage("candles: venue error x: y");
        assertThatThrownBy(() -> MinuteCandleRows.readBody(bytes("{\"error\":{\"message\":\"y\"}}"), KRW_BTC, e -> {}))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.kind()).isEqualTo("missing-field"));
    }

    private static String row(String market, String utc, String open, String high, String low, String close) {
        return "{\"market\":\"" + market + "\",\"candle_date_time_utc\":\"" + utc + "\",\"opening_price\":" + open
                + ",\"high_price\":" + high + ",\"low_price\":" + low + ",\"trade_price\":" + close
                + ",\"candle_acc_trade_price\":10,\"candle_acc_trade_volume\":1,\"unit\":1}";
    }
}
