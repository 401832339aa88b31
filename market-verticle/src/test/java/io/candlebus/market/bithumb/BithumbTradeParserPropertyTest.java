package io.candlebus.market.bithumb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.market.BadInputException;
import io.candlebus.market.JsonMutations;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link BithumbTradeParser}: any text gives a message or a {@link BadInputException}
 * of a known kind, trades (DEFAULT and SIMPLE format, trades and tickers) keep the exact decimal text
 * of their JSON numbers, and each broken field is rejected with its own kind.
 */
class BithumbTradeParserPropertyTest {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final Instrument KRW_ETH = Instrument.parse("bithumb:spot:KRW-ETH");

    private final BithumbTradeParser parser =
            new BithumbTradeParser(Map.of("KRW-BTC", KRW_BTC, "KRW-ETH", KRW_ETH)::get, true);

    /** One generated trade; {@code ticker} writes it as a ticker message, {@code simple} abbreviated. */
    record Generated(
            String code,
            BigDecimal price,
            BigDecimal volume,
            boolean bid,
            long time,
            long sequentialId,
            boolean snapshot,
            boolean ticker,
            boolean simple) {

        String json() {
            return json(price.toPlainString(), volume.toPlainString(), bid ? "BID" : "ASK", String.valueOf(time));
        }

        /** Writes the message with the given raw JSON texts for price, volume, side and time. */
        String json(String priceText, String volumeText, String side, String timeText) {
            String type = ticker ? "ticker" : "trade";
            if (simple) {
                return "{\"ty\":\"" + type + "\",\"cd\":\"" + code + "\",\"tp\":" + priceText + ",\"tv\":" + volumeText
                        + ",\"ab\":\"" + side + "\",\"ttms\":" + timeText + ",\"sid\":" + sequentialId
                        + ",\"st\":\"" + (snapshot ? "SNAPSHOT" : "REALTIME") + "\"}";
            }
            return "{\"type\":\"" + type + "\",\"code\":\"" + code + "\",\"trade_price\":" + priceText
                    + ",\"trade_volume\":" + volumeText + ",\"ask_bid\":\"" + side + "\",\"prev_closing_price\":1,"
                    + "\"change\":\"RISE\",\"trade_date\":\"2026-01-01\",\"trade_time\":\"09:00:00\","
                    + "\"trade_timestamp\":" + timeText + ",\"timestamp\":" + (time + 60) + ",\"sequential_id\":"
                    + sequentialId + ",\"stream_type\":\"" + (snapshot ? "SNAPSHOT" : "REALTIME") + "\"}";
        }
    }

    @Provide
    Arbitrary<Generated> trades() {
        return Combinators.combine(
                        Arbitraries.of("KRW-BTC", "KRW-ETH"),
                        JsonMutations.positiveDecimals(),
                        JsonMutations.positiveDecimals(),
                        Arbitraries.of(true, false),
                        Arbitraries.longs().between(1, 4_102_444_800_000L),
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .flatAs((code, price, volume, bid, time, sid, snapshot, ticker) -> Arbitraries.of(true, false)
                        .map(simple -> new Generated(code, price, volume, bid, time, sid, snapshot, ticker, simple)));
    }

    @Property(tries = 200)
    void validTradesParseToExactlyTheirDecimals(@ForAll("trades") Generated g) throws Exception {
        BithumbMessage.TradeMessage m = (BithumbMessage.TradeMessage) parser.parse(g.json());

        Trade t = m.trade();
        assertThat(t.instrument().symbol()).isEqualTo(g.code());
        // equals, not compareTo: a JSON number's text ("0.50") keeps its scale.
        assertThat(t.price()).isEqualTo(g.price());
        assertThat(t.quantity()).isEqualTo(g.volume());
        assertThat(t.aggressor()).isEqualTo(g.bid() ? Side.BUY : Side.SELL);
        assertThat(t.tradeTime()).isEqualTo(g.time());
        assertThat(t.tradeId()).isEqualTo(g.ticker() ? 0 : g.sequentialId());
        assertThat(m.snapshot()).isEqualTo(g.snapshot());
    }

    /** A broken field written as raw JSON text, and the kind it must be rejected with. */
    enum Breakage {
        ZERO_PRICE("non-positive"),
        NEGATIVE_PRICE("non-positive"),
        ZERO_VOLUME("non-positive"),
        NEGATIVE_VOLUME("non-positive"),
        STRING_NAN_PRICE("bad-number"),
        NAN_TOKEN("malformed-json"),
        HUGE_VOLUME("bad-number"),
        BAD_SIDE("bad-side"),
        ZERO_TIME("non-positive"),
        FAR_FUTURE_TIME("bad-time"),
        FRACTIONAL_TIME("wrong-type"),
        UNKNOWN_CODE("unknown-symbol");

        final String kind;

        Breakage(String kind) {
            this.kind = kind;
        }

        String json(Generated g) {
            String p = g.price().toPlainString();
            String v = g.volume().toPlainString();
            String side = g.bid() ? "BID" : "ASK";
            String t = String.valueOf(g.time());
            return switch (this) {
                case ZERO_PRICE -> g.json("0", v, side, t);
                case NEGATIVE_PRICE -> g.json("-" + p, v, side, t);
                case ZERO_VOLUME -> g.json(p, "0.000", side, t);
                case NEGATIVE_VOLUME -> g.json(p, "-" + v, side, t);
                case STRING_NAN_PRICE -> g.json("\"NaN\"", v, side, t);
                case NAN_TOKEN -> g.json(p, "NaN", side, t);
                case HUGE_VOLUME -> g.json(p, "1e999999999", side, t);
                case BAD_SIDE -> g.json(p, v, side.toLowerCase(java.util.Locale.ROOT), t);
                case ZERO_TIME -> g.json(p, v, side, "0");
                case FAR_FUTURE_TIME -> g.json(p, v, side, String.valueOf(Long.MAX_VALUE - g.time()));
                case FRACTIONAL_TIME -> g.json(p, v, side, t + ".5");
                case UNKNOWN_CODE -> g.json().replace(g.code(), "KRW-XRP");
            };
        }
    }

    @Property(tries = 300)
    void eachBrokenFieldIsRejectedWithItsKind(@ForAll("trades") Generated g, @ForAll Breakage breakage) {
        assertThatThrownBy(() -> parser.parse(breakage.json(g)))
                .isInstanceOfSatisfying(
                        BadInputException.class,
                        e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(breakage.kind));
    }

    @Provide
    Arbitrary<String> inputs() {
        List<String> seeds = List.of(
                BithumbTradeParserTest.TRADE,
                "{\"status\":\"UP\"}",
                "{\"error\":{\"name\":\"WRONG_FORMAT\",\"message\":\"bad\"}}",
                "{\"type\":\"orderbook\",\"code\":\"KRW-BTC\",\"orderbook_units\":[{\"ask_price\":1}]}");
        return Arbitraries.oneOf(
                JsonMutations.jsonish(),
                JsonMutations.mutated(seeds),
                trades().map(Generated::json).flatMap(json -> JsonMutations.mutated(List.of(json))));
    }

    @Property(tries = 1000)
    void anyInputGivesAMessageOrAKnownKind(@ForAll("inputs") String text) {
        for (BithumbTradeParser p : List.of(parser, new BithumbTradeParser(Map.of("KRW-BTC", KRW_BTC)::get))) {
            try {
                assertThat(p.parse(text)).isNotNull();
            } catch (BadInputException e) {
                assertThat(e.kind()).as(e.getMessage()).isIn(JsonMutations.PARSER_KINDS);
            }
        }
    }

    // Counterexamples the properties found, kept as plain tests.

    @Test
    void rejectsATradeTimeBeyondTheYear9999() {
        String json = BithumbTradeParserTest.TRADE.replace("1767225600123", String.valueOf(Long.MAX_VALUE));

        assertThatThrownBy(() -> parser.parse(json))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.kind()).isEqualTo("bad-time"));
    }
}
