package io.candlebus.market.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.market.BadInputException;
import io.candlebus.market.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinanceKlineParserTest {
    private static final Instrument BTCUSDT = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument COINM = Instrument.parse("binance:coinm:BTCUSD_PERP");
    private final BinanceKlineParser parser =
            new BinanceKlineParser(Map.of("BTCUSDT", BTCUSDT, "BTCUSD_PERP", COINM)::get);

    static List<String> lines(String resource) throws IOException {
        try (InputStream in = BinanceKlineParserTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .toList();
        }
    }

    @Test
    void parsesTheCombinedEnvelopeKeepingDecimalText() throws Exception {
        String line = lines("/binance/binance-kline-samples.jsonl").get(0);

        BinanceFrame.Kline kline = (BinanceFrame.Kline) parser.parse(line);

        Candle c = kline.candle();
        assertThat(kline.eventTime()).isEqualTo(1653818762502L);
        assertThat(c.instrument()).isEqualTo(BTCUSDT);
        assertThat(c.interval()).isEqualTo(Interval.M1);
        assertThat(c.openTime()).isEqualTo(1653818760000L);
        assertThat(c.open()).isEqualTo(new BigDecimal("29038.46000000"));
        assertThat(c.high()).isEqualTo(new BigDecimal("29038.47000000"));
        assertThat(c.low()).isEqualTo(new BigDecimal("29038.46000000"));
        assertThat(c.close()).isEqualTo(new BigDecimal("29038.47000000"));
        assertThat(c.volume()).isEqualTo(new BigDecimal("0.20926000"));
        assertThat(c.quoteVolume()).isEqualTo(new BigDecimal("6076.58918320"));
        assertThat(c.tradeCount()).isEqualTo(31);
        assertThat(c.takerBuyBaseVolume()).isEqualTo(new BigDecimal("0.10436000"));
        assertThat(c.takerBuyQuoteVolume()).isEqualTo(new BigDecimal("3030.45472920"));
        assertThat(c.closed()).isFalse();
        assertThat(c.source()).isEqualTo(CandleSource.WEBSOCKET);
    }

    @Test
    void parsesTheRawForm() throws Exception {
        String line = lines("/binance/binance-kline-samples.jsonl").get(1);

        Candle c = ((BinanceFrame.Kline) parser.parse(line)).candle();

        assertThat(c.interval()).isEqualTo(Interval.M5);
        assertThat(c.openTime()).isEqualTo(1631636700000L);
        assertThat(c.tradeCount()).isEqualTo(582);
    }

    @Test
    void everyCapturedUpdateOfOneOpenCandleParsesAndOnlyGrows() throws Exception {
        List<String> capture = lines("/binance/binance-spot-kline-5m-capture.jsonl");
        assertThat(capture).hasSize(49);

        Candle previous = null;
        for (String line : capture) {
            Candle c = ((BinanceFrame.Kline) parser.parse(line)).candle();
            assertThat(c.openTime()).isEqualTo(1631637000000L);
            assertThat(c.closed()).isFalse();
            if (previous != null) {
                assertThat(c.volume()).isGreaterThanOrEqualTo(previous.volume());
                assertThat(c.tradeCount()).isGreaterThanOrEqualTo(previous.tradeCount());
                assertThat(c.high()).isGreaterThanOrEqualTo(previous.high());
                assertThat(c.low()).isLessThanOrEqualTo(previous.low());
                assertThat(c.open()).isEqualTo(previous.open());
            }
            previous = c;
        }
        assertThat(previous.tradeCount()).isEqualTo(3525);
        assertThat(previous.close()).isEqualTo(new BigDecimal("46744.83000000"));
    }

    @Test
    void coinMarginedVolumesKeepBinanceMeaning() throws Exception {
        String json = "{\"e\":\"kline\",\"E\":1767225659987,\"s\":\"BTCUSD_PERP\",\"k\":{\"t\":1767225600000,"
                + "\"T\":1767225659999,\"s\":\"BTCUSD_PERP\",\"i\":\"1m\",\"f\":1,\"L\":2,\"o\":\"87310.1\","
                + "\"c\":\"87322.5\",\"h\":\"87340.0\",\"l\":\"87301.1\",\"v\":\"1200\",\"n\":2,\"x\":true,"
                + "\"q\":\"1.37440032\",\"V\":\"700\",\"Q\":\"0.80173338\",\"B\":\"0\"}}";

        Candle c = ((BinanceFrame.Kline) parser.parse(json)).candle();

        assertThat(c.instrument()).isEqualTo(COINM);
        assertThat(c.volume()).isEqualTo(new BigDecimal("1200"));
        assertThat(c.quoteVolume()).isEqualTo(new BigDecimal("1.37440032"));
        assertThat(c.takerBuyBaseVolume()).isEqualTo(new BigDecimal("700"));
        assertThat(c.takerBuyQuoteVolume()).isEqualTo(new BigDecimal("0.80173338"));
        assertThat(c.closed()).isTrue();
    }

    @Test
    void recognisesControlRepliesAndShutdown() throws Exception {
        assertThat(parser.parse("{\"result\":null,\"id\":1}")).isEqualTo(new BinanceFrame.Reply("1", null));
        assertThat(parser.parse("{\"result\":[\"btcusdt@kline_1m\"],\"id\":\"abc\"}"))
                .isEqualTo(new BinanceFrame.Reply("abc", null));
        assertThat(((BinanceFrame.Reply) parser.parse("{\"code\":2,\"msg\":\"Invalid request\",\"id\":4}")).error())
                .contains("Invalid request");
        assertThat(parser.parse("{\"e\":\"serverShutdown\",\"E\":1767225600000}"))
                .isEqualTo(new BinanceFrame.Shutdown(1767225600000L));
        assertThat(parser.parse("{\"stream\":\"!serverShutdown\",\"data\":{\"e\":\"serverShutdown\",\"E\":5}}"))
                .isEqualTo(new BinanceFrame.Shutdown(5L));
        assertThat(parser.parse("{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\"}"))
                .isEqualTo(new BinanceFrame.Other("trade"));
    }

    @Test
    void readsWebsocketErrorsWrappedOrFlatAsRefusedRequests() throws Exception {
        String wrapped = Fixtures.text("binance/ws-error-wrapped.json");
        assertThat(wrapped).startsWith("{\"error\":{");

        assertThat(parser.parse(wrapped))
                .isEqualTo(new BinanceFrame.Reply("2", "code 2: Invalid request: invalid stream"));
        assertThat(parser.parse(Fixtures.text("binance/ws-error-flat.json")))
                .isEqualTo(new BinanceFrame.Reply("2", "code 2: Invalid request: invalid stream"));
        assertThat(parser.parse(Fixtures.text("binance/rest-error-flat.json")))
                .isEqualTo(new BinanceFrame.Reply("null", "code -1121: Invalid symbol."));
        assertThat(parser.parse("{\"error\":{\"code\":3,\"msg\":\"Invalid JSON\"},\"id\":null}"))
                .isEqualTo(new BinanceFrame.Reply("null", "code 3: Invalid JSON"));
        assertThat(parser.parse("{\"error\":{\"code\":0},\"id\":\"q7\"}"))
                .isEqualTo(new BinanceFrame.Reply("q7", "code 0: "));
    }

    @Test
    void aWrappedErrorWithoutAUsableCodeIsBadInputNamingIt() {
        assertThatThrownBy(() -> parser.parse("{\"error\":{\"code\":\"two\",\"msg\":\"x\"},\"id\":2}"))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("wrong-type: reply.error.code: expected an integer, was string \"two\""));
        assertThatThrownBy(() -> parser.parse("{\"error\":\"bad\",\"id\":2}"))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.kind()).isEqualTo("wrong-type"));
        assertThatThrownBy(() -> parser.parse("{\"error\":{\"msg\":\"x\"},\"id\":2}"))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.kind()).isEqualTo("missing-field"));
    }

    private static String kline(String field, String value) {
        String base = "{\"e\":\"kline\",\"E\":1767225659987,\"s\":\"BTCUSDT\",\"k\":{\"t\":1767225600000,"
                + "\"T\":1767225659999,\"s\":\"BTCUSDT\",\"i\":\"1m\",\"f\":1,\"L\":2,\"o\":\"10\",\"c\":\"11\","
                + "\"h\":\"12\",\"l\":\"9\",\"v\":\"1\",\"n\":2,\"x\":true,\"q\":\"10.5\",\"V\":\"0.5\",\"Q\":\"5\","
                + "\"B\":\"0\"}}";
        if (field == null) {
            return base;
        }
        String key = "\"" + field + "\":";
        int start = base.indexOf(key, base.indexOf("\"k\":") + 1);
        if (field.equals("s")) {
            start = base.indexOf(key);
        }
        int end = base.indexOf(',', start);
        return base.substring(0, start)
                + (value == null ? "" : key + value)
                + (value == null ? base.substring(end + 1) : base.substring(end));
    }

    @Test
    void theBaseBadInputTemplateIsGood() throws Exception {
        assertThat(parser.parse(kline(null, null))).isInstanceOf(BinanceFrame.Kline.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "o|'\"-10\"'|non-positive",
                "l|'\"0\"'|non-positive",
                "h|'\"8\"'|high-below-low",
                "c|'\"12.5\"'|out-of-range",
                "v|'\"-1\"'|negative",
                "o|'\"NaN\"'|bad-number",
                "o|'\"abc\"'|bad-number",
                "o|true|wrong-type",
                "t|'\"1767225600000\"'|wrong-type",
                "t|1767225600001|misaligned",
                "T|1767225659998|bad-close-time",
                "x|'\"yes\"'|wrong-type",
                "i|'\"7m\"'|unknown-interval",
                "s|'\"ETHUSDT\"'|unknown-symbol",
                "q||missing-field",
                "n|1.5|wrong-type",
            })
    void rejectsBadFieldsWithTheirKind(String field, String value, String kind) {
        String json = kline(field, value == null ? null : value.replace("'", ""));

        assertThatThrownBy(() -> parser.parse(json))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(((BadInputException) e).kind()).isEqualTo(kind));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"e\":\"kline\",|malformed-json",
                "NaN|malformed-json",
                "[1,2]|wrong-type",
                "{\"E\":1}|missing-field",
                "{\"stream\":\"x\",\"data\":5}|wrong-type",
                "{\"e\":\"kline\",\"E\":1,\"s\":\"BTCUSDT\",\"k\":[]}|wrong-type",
            })
    void rejectsBadMessages(String json, String kind) {
        assertThatThrownBy(() -> parser.parse(json))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(((BadInputException) e).kind()).isEqualTo(kind));
    }
}
