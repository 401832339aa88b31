package io.candlebus.market.upbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.market.BadInputException;
import io.candlebus.market.venue.TradeVenue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Upbit websocket messages as Upbit's trade page documents them (values invented). */
class UpbitMessageParserTest {
    private static final Instrument KRW_BTC = Instrument.parse("upbit:spot:KRW-BTC");

    /** The DEFAULT trade of Upbit's websocket trade page: {@code sequential_id} a JSON number, dates in UTC. */
    static final String TRADE = "{\"type\":\"trade\",\"code\":\"KRW-BTC\",\"timestamp\":1767225600190,"
            + "\"trade_date\":\"2026-01-01\",\"trade_time\":\"00:00:00\",\"trade_timestamp\":1767225600123,"
            + "\"trade_price\":131250000.0,\"trade_volume\":0.0021,\"ask_bid\":\"BID\","
            + "\"prev_closing_price\":130900000.0,\"change\":\"RISE\",\"change_price\":350000.0,"
            + "\"sequential_id\":17672256001230001,\"best_ask_price\":131260000,\"best_ask_size\":0.1,"
            + "\"best_bid_price\":131250000,\"best_bid_size\":0.2,\"stream_type\":\"SNAPSHOT\"}";

    /** The same trade in the SIMPLE format (abbreviated keys). */
    static final String SIMPLE = "{\"ty\":\"trade\",\"cd\":\"KRW-BTC\",\"tms\":1767225600190,\"td\":\"2026-01-01\","
            + "\"ttm\":\"00:00:00\",\"ttms\":1767225600123,\"tp\":131250000.0,\"tv\":0.0021,\"ab\":\"ASK\","
            + "\"pcp\":130900000.0,\"c\":\"RISE\",\"cp\":350000.0,\"sid\":17672256001230002,\"st\":\"REALTIME\"}";

    private final Recorded seen = new Recorded();
    private final UpbitMessageParser parser = new UpbitMessageParser(code -> code.equals("KRW-BTC") ? KRW_BTC : null);

    private void read(String json) throws BadInputException {
        parser.read(json.getBytes(StandardCharsets.UTF_8), seen);
    }

    @Test
    void readsTheDocumentedTradeWithItsNumericSequentialIdAndSnapshotFlag() throws Exception {
        read(TRADE);

        assertThat(seen.trades).hasSize(1);
        Trade t = seen.trades.get(0);
        assertThat(t.instrument()).isEqualTo(KRW_BTC);
        assertThat(t.price()).isEqualByComparingTo(new BigDecimal("131250000"));
        assertThat(t.quantity()).isEqualTo(new BigDecimal("0.0021"));
        assertThat(t.tradeTime()).isEqualTo(1767225600123L);
        assertThat(t.aggressor()).isEqualTo(Side.BUY);
        assertThat(t.tradeId()).isEqualTo(17672256001230001L);
        assertThat(seen.snapshots).containsExactly(true);
    }

    @Test
    void readsTheSimpleFormat() throws Exception {
        read(SIMPLE);

        assertThat(seen.trades).singleElement().satisfies(t -> {
            assertThat(t.tradeId()).isEqualTo(17672256001230002L);
            assertThat(t.aggressor()).isEqualTo(Side.SELL);
        });
        assertThat(seen.snapshots).containsExactly(false);
    }

    @Test
    void acceptsASequentialIdSentAsADigitString() throws Exception {
        read(TRADE.replace("17672256001230001", "\"17672256001230001\""));

        assertThat(seen.trades).singleElement().extracting(Trade::tradeId).isEqualTo(17672256001230001L);
    }

    @Test
    void readsTheKeepaliveAnswerTheErrorObjectAndOtherTypes() throws Exception {
        read("{\"status\":\"UP\"}");
        read("{\"error\":{\"name\":\"INVALID_PARAM\",\"message\":\"codes: expected upper case\"}}");
        read("{\"type\":\"ticker\",\"code\":\"KRW-BTC\",\"trade_price\":1}");

        assertThat(seen.statusUp).isEqualTo(1);
        assertThat(seen.errors).containsExactly("INVALID_PARAM: codes: expected upper case");
        assertThat(seen.ignored).isEqualTo(1);
        assertThat(seen.trades).isEmpty();
    }

    @Test
    void badTradesNameTheField() {
        assertThatThrownBy(() -> read(TRADE.replace("\"BID\"", "\"BUY\"")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("trade.ask_bid: expected ASK or BID, was 'BUY'");
        assertThatThrownBy(() -> read(TRADE.replace("KRW-BTC", "KRW-XRP")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("trade.code: expected a followed market, was 'KRW-XRP'");
        assertThatThrownBy(() -> read(TRADE.replace("\"trade_volume\":0.0021", "\"trade_volume\":0")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("trade.trade_volume");
        assertThatThrownBy(() -> read(TRADE.replace("\"sequential_id\":17672256001230001,", "")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("sequential_id");
        assertThatThrownBy(() -> read("[1]")).isInstanceOf(BadInputException.class);
    }

    private static final class Recorded implements TradeVenue.Messages {
        final List<Trade> trades = new ArrayList<>();
        final List<Boolean> snapshots = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        int statusUp;
        int ignored;

        @Override
        public void trade(Trade trade, boolean snapshot) {
            trades.add(trade);
            snapshots.add(snapshot);
        }

        @Override
        public void statusUp() {
            statusUp++;
        }

        @Override
        public void venueError(String name, String message) {
            errors.add(name + ": " + message);
        }

        @Override
        public void ignored() {
            ignored++;
        }
    }
}
