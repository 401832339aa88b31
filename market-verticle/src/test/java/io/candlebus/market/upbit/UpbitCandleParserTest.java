package io.candlebus.market.upbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.market.BadInputException;
import io.candlebus.market.RestException;
import io.candlebus.market.venue.MinuteCandleRows;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Upbit {@code GET /v1/candles/minutes/1} bodies as Upbit's candle page documents them (values invented). */
class UpbitCandleParserTest {
    private static final Instrument KRW_BTC = Instrument.parse("upbit:spot:KRW-BTC");

    static final String DOC = "[{\"market\":\"KRW-BTC\",\"candle_date_time_utc\":\"2026-01-01T00:01:00\","
            + "\"candle_date_time_kst\":\"2026-01-01T09:01:00\",\"opening_price\":131250000.0,"
            + "\"high_price\":131300000.0,\"low_price\":131200000.0,\"trade_price\":131280000.0,"
            + "\"timestamp\":1767225719512,\"candle_acc_trade_price\":42811520.50000,"
            + "\"candle_acc_trade_volume\":0.32611,\"unit\":1},"
            + "{\"market\":\"KRW-BTC\",\"candle_date_time_utc\":\"2026-01-01T00:00:00\","
            + "\"candle_date_time_kst\":\"2026-01-01T09:00:00\",\"opening_price\":131190000.0,"
            + "\"high_price\":131260000.0,\"low_price\":131180000.0,\"trade_price\":131250000.0,"
            + "\"timestamp\":1767225659870,\"candle_acc_trade_price\":30577004.1,"
            + "\"candle_acc_trade_volume\":0.23301,\"unit\":1}]";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesTheDocumentedCandlesNewestFirstKeyedByTheirUtcStart() throws Exception {
        List<Candle> rows = MinuteCandleRows.readBody(bytes(DOC), KRW_BTC, e -> {
            throw new AssertionError(e);
        });

        assertThat(rows).extracting(Candle::openTime).containsExactly(1767225660000L, 1767225600000L);
        Candle newest = rows.get(0);
        assertThat(newest.instrument()).isEqualTo(KRW_BTC);
        assertThat(newest.close()).isEqualByComparingTo(new BigDecimal("131280000"));
        assertThat(newest.quoteVolume()).isEqualByComparingTo(new BigDecimal("42811520.5"));
        assertThat(newest.volume()).isEqualTo(new BigDecimal("0.32611"));
        assertThat(newest.tradeCount()).isZero();
        assertThat(newest.source()).isEqualTo(CandleSource.REST);
        assertThat(newest.closed()).isTrue();
    }

    @Test
    void skipsABadRowAndReportsIt() throws Exception {
        List<BadInputException> rejected = new ArrayList<>();
        List<Candle> rows = MinuteCandleRows.readBody(
                bytes(DOC.replaceFirst("\"low_price\":131200000.0", "\"low_price\":131400000.0")),
                KRW_BTC,
                rejected::add);

        assertThat(rows).extracting(Candle::openTime).containsExactly(1767225600000L);
        assertThat(rejected).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("candles[0]"));
    }

    @Test
    void anErrorObjectIsARefusalAndAnythingElseBadInput() {
        assertThatThrownBy(() -> MinuteCandleRows.readBody(
                        bytes("{\"error\":{\"name\":\"invalid_parameter\",\"message\":\"market\"}}"), KRW_BTC, e -> {}))
                .isInstanceOf(RestException.class)
                .hasMessageContaining("invalid_parameter");
        assertThatThrownBy(() -> MinuteCandleRows.readBody(bytes("{\"rows\":[]}"), KRW_BTC, e -> {}))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("candles: expected an array");
        assertThatThrownBy(() ->
                        MinuteCandleRows.readBody(bytes(DOC.replace("\"unit\":1}]", "\"unit\":3}]")), KRW_BTC, e -> {
                            throw new IllegalStateException(e.getMessage());
                        }))
                .hasMessageContaining("candles[1].unit: expected 1, was 3");
    }
}
