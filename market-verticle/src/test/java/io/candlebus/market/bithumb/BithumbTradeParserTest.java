package io.candlebus.market.bithumb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.market.BadInputException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BithumbTradeParserTest {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private final BithumbTradeParser parser = new BithumbTradeParser(Map.of("KRW-BTC", KRW_BTC)::get);

    static final String TRADE = "{\"type\":\"trade\",\"code\":\"KRW-BTC\",\"trade_price\":131250000,"
            + "\"trade_volume\":0.0021,\"ask_bid\":\"BID\",\"prev_closing_price\":130900000,\"change\":\"RISE\","
            + "\"change_price\":350000,\"trade_date\":\"2026-01-01\",\"trade_time\":\"09:00:00\","
            + "\"trade_timestamp\":1767225600123,\"timestamp\":1767225600190,"
            + "\"sequential_id\":17672256001230001,\"stream_type\":\"REALTIME\"}";

    @Test
    void parsesTheDocumentedTradeExactly() throws Exception {
        BithumbMessage.TradeMessage m = (BithumbMessage.TradeMessage) parser.parse(TRADE);

        Trade t = m.trade();
        assertThat(m.snapshot()).isFalse();
        assertThat(t.instrument()).isEqualTo(KRW_BTC);
        assertThat(t.price()).isEqualTo(new BigDecimal("131250000"));
        assertThat(t.quantity()).isEqualTo(new BigDecimal("0.0021"));
        assertThat(t.aggressor()).isEqualTo(Side.BUY);
        // trade_time is KST: the epoch timestamp is the truth.
        assertThat(t.tradeTime()).isEqualTo(1767225600123L);
        assertThat(t.tradeId()).isEqualTo(17672256001230001L);
    }

    @Test
    void flagsSnapshotsAndReadsAskAsASeller() throws Exception {
        String json = TRADE.replace("REALTIME", "SNAPSHOT").replace("\"BID\"", "\"ASK\"");

        BithumbMessage.TradeMessage m = (BithumbMessage.TradeMessage) parser.parse(json);

        assertThat(m.snapshot()).isTrue();
        assertThat(m.trade().aggressor()).isEqualTo(Side.SELL);
    }

    @Test
    void readsTheSimpleFormat() throws Exception {
        String json = "{\"ty\":\"trade\",\"cd\":\"KRW-BTC\",\"tp\":131250000,\"tv\":0.5,\"ab\":\"ASK\","
                + "\"ttms\":1767225600123,\"sid\":42,\"st\":\"REALTIME\"}";

        Trade t = ((BithumbMessage.TradeMessage) parser.parse(json)).trade();

        assertThat(t.quantity()).isEqualTo(new BigDecimal("0.5"));
        assertThat(t.tradeId()).isEqualTo(42);
    }

    @Test
    void keepsSequentialIdsAboveTwoToThe53() throws Exception {
        String json = TRADE.replace("17672256001230001", "9007199254740993");

        assertThat(((BithumbMessage.TradeMessage) parser.parse(json)).trade().tradeId())
                .isEqualTo(9007199254740993L);
    }

    @Test
    void readsSequentialIdsGivenAsDigitStringsInBothFormats() throws Exception {
        String json = TRADE.replace("17672256001230001", "\"862683813820523888\"");
        String simple = "{\"ty\":\"trade\",\"cd\":\"KRW-BTC\",\"tp\":\"131250000\",\"tv\":\"0.5\",\"ab\":\"ASK\","
                + "\"ttms\":\"1767225600123\",\"sid\":\"42\",\"st\":\"REALTIME\"}";

        assertThat(((BithumbMessage.TradeMessage) parser.parse(json)).trade().tradeId())
                .isEqualTo(862683813820523888L);
        Trade t = ((BithumbMessage.TradeMessage) parser.parse(simple)).trade();
        assertThat(t.tradeId()).isEqualTo(42);
        assertThat(t.tradeTime()).isEqualTo(1767225600123L);
        assertThat(t.price()).isEqualTo(new BigDecimal("131250000"));
    }

    @Test
    void recognisesStatusTickerAndErrors() throws Exception {
        assertThat(parser.parse("{\"status\":\"UP\"}")).isEqualTo(new BithumbMessage.StatusUp());
        assertThat(parser.parse("{\"type\":\"ticker\",\"code\":\"KRW-BTC\",\"trade_price\":1}"))
                .isEqualTo(new BithumbMessage.Ticker("KRW-BTC", null));
        assertThat(parser.parse("{\"error\":{\"name\":\"WRONG_FORMAT\",\"message\":\"bad\"}}"))
                .isEqualTo(new BithumbMessage.Error("WRONG_FORMAT", "bad"));
        assertThat(parser.parse("{\"type\":\"orderbook\",\"code\":\"KRW-BTC\"}"))
                .isEqualTo(new BithumbMessage.Other("orderbook"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "131250000|-5|non-positive",
                "131250000|0|non-positive",
                "0.0021|\"x\"|bad-number",
                "\"BID\"|\"BUY\"|bad-side",
                "\"KRW-BTC\"|\"KRW-XRP\"|unknown-symbol",
                "\"trade_timestamp\":1767225600123|\"trade_timestamp\":\"\"|bad-number",
                "\"trade_timestamp\":1767225600123|\"trade_timestamp\":\"1767225600123.0\"|bad-number",
                "\"trade_timestamp\":1767225600123|\"trade_timestamp\":\"1.767225600123e12\"|bad-number",
                "\"trade_timestamp\":1767225600123|\"trade_timestamp\":true|wrong-type",
                "17672256001230001|\"+17672256001230001\"|bad-number",
                "17672256001230001|\" 17672256001230001\"|bad-number",
                "17672256001230001|\"١٧٦٧٢٢٥٦٠٠١٢٣٠٠٠١\"|bad-number",
                "17672256001230001|\"9223372036854775808\"|bad-number",
                "17672256001230001|\"123456789012345678901234\"|bad-number",
                "17672256001230001|{\"id\":1}|wrong-type",
                "17672256001230001|123456789012345678901234|wrong-type",
                "\"trade_price\":131250000,|EMPTY|missing-field",
            })
    void rejectsBadTradesWithTheirKind(String from, String to, String kind) {
        String json = TRADE.replace(from, to.equals("EMPTY") ? "" : to);

        assertThatThrownBy(() -> parser.parse(json))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(((BadInputException) e).kind()).isEqualTo(kind));
    }

    @Test
    void rejectsMalformedJsonAndNaN() {
        assertThatThrownBy(() -> parser.parse("{\"type\":\"trade\"")).hasMessageContaining("malformed-json");
        assertThatThrownBy(() -> parser.parse(TRADE.replace("0.0021", "NaN"))).hasMessageContaining("malformed-json");
        assertThatThrownBy(() -> parser.parse("[]")).hasMessageContaining("wrong-type");
        assertThatThrownBy(() -> parser.parse("{\"code\":\"KRW-BTC\"}")).hasMessageContaining("missing-field");
    }

    @Test
    void malformedJsonInsideAFieldTheParserSkipsIsStillMalformed() {
        String json = TRADE.replace("\"change\":\"RISE\"", "\"change\":[1,}");

        assertThatThrownBy(() -> parser.parse(json))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(((BadInputException) e).kind()).isEqualTo("malformed-json"));
    }

    @Test
    void nestedValuesOfUnreadFieldsAreSkippedWhole() throws Exception {
        String json = TRADE.replace("\"change\":\"RISE\"", "\"change\":{\"type\":\"ticker\",\"x\":[{\"code\":1}]}");

        Trade t = ((BithumbMessage.TradeMessage) parser.parse(json)).trade();

        assertThat(t.price()).isEqualTo(new BigDecimal("131250000"));
    }

    @Test
    void aTickerIsRecognisedAndNeverReadAsATrade() throws Exception {
        String ticker = "{\"type\":\"ticker\",\"code\":\"KRW-BTC\",\"opening_price\":130900000,"
                + "\"trade_price\":131250000,\"trade_volume\":0.0021,\"ask_bid\":\"ASK\","
                + "\"acc_trade_volume_24h\":1533.2201,\"trade_timestamp\":1767225600123,"
                + "\"stream_type\":\"REALTIME\"}";

        assertThat(parser.parse(ticker)).isEqualTo(new BithumbMessage.Ticker("KRW-BTC", null));
        assertThat(parser.parse(ticker.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new BithumbMessage.Ticker("KRW-BTC", null));
    }
}
