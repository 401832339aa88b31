package io.candlebus.market.bithumb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.market.BadInputException;
import io.candlebus.market.Fixtures;
import io.candlebus.market.RestException;
import io.candlebus.market.venue.MinuteCandleRows;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bithumb messages in the shapes the live venue sends (fixtures under {@code fixtures/bithumb}) next to
 * the shapes its docs show: both parse, to the same values.
 */
class BithumbRealShapesTest {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");

    private final BithumbTradeParser parser = new BithumbTradeParser(Map.of("KRW-BTC", KRW_BTC)::get);

    @Test
    void aTradeWithAStringSequentialIdParses() throws Exception {
        BithumbMessage.TradeMessage m =
                (BithumbMessage.TradeMessage) parser.parse(Fixtures.text("bithumb/trade-string-seq.json"));

        Trade t = m.trade();
        assertThat(t.tradeId()).isEqualTo(862_683_813_820_523_888L);
        assertThat(t.price()).isEqualTo(new BigDecimal("131250000"));
        assertThat(t.quantity()).isEqualTo(new BigDecimal("0.0021"));
        assertThat(t.aggressor()).isEqualTo(Side.BUY);
        assertThat(t.tradeTime()).isEqualTo(1_767_225_600_123L);
    }

    @Test
    void realTradesTakeTheStreamingPathFromTheFramesBytes() throws Exception {
        for (String fixture : List.of("bithumb/trade-string-seq.json", "bithumb/trade-numeric-seq.json")) {
            byte[] bytes = Fixtures.bytes(fixture);

            BithumbMessage.TradeMessage streamed = new BithumbTradeScanner(Map.of("KRW-BTC", KRW_BTC)::get).read(bytes);

            assertThat(streamed).as(fixture).isNotNull().isEqualTo(parser.parseTree(bytes));
            assertThat(parser.parse(bytes)).as(fixture).isEqualTo(streamed);
        }
    }

    @Test
    void aTradeWithANumericSequentialIdParsesToTheSameTrade() throws Exception {
        Trade numeric =
                ((BithumbMessage.TradeMessage) parser.parse(Fixtures.text("bithumb/trade-numeric-seq.json"))).trade();
        Trade string = ((BithumbMessage.TradeMessage) parser.parse(Fixtures.text("bithumb/trade-numeric-seq.json")
                        .replace("17672256001230001", "\"17672256001230001\"")))
                .trade();

        assertThat(numeric.tradeId()).isEqualTo(17_672_256_001_230_001L);
        assertThat(string).isEqualTo(numeric);
    }

    @Test
    void everyNumericTradeFieldMayBeAString() throws Exception {
        String strings = Fixtures.text("bithumb/trade-string-seq.json")
                .replace(":131250000,", ":\"131250000\",")
                .replace(":0.0021,", ":\"0.0021\",")
                .replace(":1767225600123,", ":\"1767225600123\",");
        assertThat(strings).contains("\"trade_timestamp\":\"1767225600123\"", "\"trade_price\":\"131250000\"");

        Trade t = ((BithumbMessage.TradeMessage) parser.parse(strings)).trade();

        assertThat(t)
                .isEqualTo(((BithumbMessage.TradeMessage) parser.parse(Fixtures.text("bithumb/trade-string-seq.json")))
                        .trade());
    }

    @Test
    void aTickerWithAnEmptyOrNullDelistingDateHasNone() throws Exception {
        String empty = Fixtures.text("bithumb/ticker-empty-delisting.json");
        String none = Fixtures.text("bithumb/ticker-null-delisting.json");
        assertThat(empty).contains("\"delisting_date\":\"\"");
        assertThat(none).contains("\"delisting_date\":null");

        assertThat(parser.parse(empty)).isEqualTo(new BithumbMessage.Ticker("KRW-BTC", null));
        assertThat(parser.parse(none)).isEqualTo(new BithumbMessage.Ticker("KRW-BTC", null));
        assertThat(parser.parse(empty.replace("\"delisting_date\":\"\"", "\"delisting_date\":\"2026-02-01\"")))
                .isEqualTo(new BithumbMessage.Ticker("KRW-BTC", "2026-02-01"));
        assertThatThrownBy(() -> parser.parse(empty.replace("\"delisting_date\":\"\"", "\"delisting_date\":5")))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("wrong-type: ticker.delisting_date: expected a string, \"\" or null, was number 5"));
    }

    @Test
    void anErrorNameMayBeANumberOrAString() throws Exception {
        assertThat(parser.parse(Fixtures.text("bithumb/error-numeric-name.json")))
                .isEqualTo(new BithumbMessage.Error("400", "Invalid parameter: market"));
        assertThat(parser.parse(Fixtures.text("bithumb/error-string-name.json")))
                .isEqualTo(new BithumbMessage.Error("WRONG_FORMAT", "the request is not a JSON array"));
        assertThat(parser.parse(Fixtures.text("bithumb/error-null-message.json")))
                .isEqualTo(new BithumbMessage.Error("invalid_parameter", ""));
    }

    @Test
    void anErrorWithoutAUsableNameIsBadInputNamingIt() {
        assertThatThrownBy(() -> parser.parse("{\"error\":{\"name\":[1],\"message\":\"x\"}}"))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("wrong-type: error.name: expected a string or an integer, was ARRAY"));
        assertThatThrownBy(() -> parser.parse("{\"error\":{\"message\":\"x\"}}"))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.kind()).isEqualTo("missing-field"));
        assertThatThrownBy(() -> parser.parse("{\"error\":\"WRONG_FORMAT\"}"))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.kind()).isEqualTo("wrong-type"));
    }

    @Test
    void restCandlesInNumbersOrStringsGiveTheSameCandles() throws Exception {
        List<BadInputException> rejected = new ArrayList<>();

        List<Candle> numbers =
                MinuteCandleRows.readBody(Fixtures.bytes("bithumb/rest-candles-numbers.json"), KRW_BTC, rejected::add);
        List<Candle> strings =
                MinuteCandleRows.readBody(Fixtures.bytes("bithumb/rest-candles-strings.json"), KRW_BTC, rejected::add);

        assertThat(rejected).isEmpty();
        assertThat(numbers).hasSize(2);
        assertThat(strings).isEqualTo(numbers);
        assertThat(strings.get(0).quoteVolume()).isEqualTo(new BigDecimal("42811520.5"));
        assertThat(strings.get(1).volume()).isEqualTo(new BigDecimal("0.23301"));
    }

    @Test
    void aRestCandleWithABadNumericStringIsRejectedNamingTheField() throws Exception {
        String body = Fixtures.text("bithumb/rest-candles-strings.json")
                .replaceFirst("\"opening_price\":\"131250000\"", "\"opening_price\":\"\"")
                .replaceFirst("\"unit\":\"1\"", "\"unit\":\"1.0\"");
        List<BadInputException> rejected = new ArrayList<>();

        List<Candle> out = MinuteCandleRows.readBody(body.getBytes(StandardCharsets.UTF_8), KRW_BTC, rejected::add);

        assertThat(out).hasSize(1);
        assertThat(rejected).singleElement().satisfies(e -> assertThat(e.getMessage())
                .isEqualTo("bad-number: candles[0].unit: expected an integer or a string of digits, was '1.0'"));
    }

    @Test
    void anErrorBodyInPlaceOfCandlesIsTheVenuesRefusalNotBadInput() {
        List<BadInputException> rejected = new ArrayList<>();

        assertThatThrownBy(() -> MinuteCandleRows.readBody(
                        Fixtures.bytes("bithumb/error-numeric-name.json"), KRW_BTC, rejected::add))
                .isInstanceOf(RestException.class)
                .hasMessage("candles: venue error 400: Invalid parameter: market");
        assertThat(rejected).isEmpty();
    }
}
