package io.candlebus.market.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.market.BadInputException;
import io.candlebus.market.CandleChecks;
import io.candlebus.market.JsonFields;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Parses Binance websocket messages, raw ({@code {"e":"kline",...}}) or wrapped in the combined-stream
 * envelope ({@code {"stream":...,"data":{...}}}), into {@link BinanceFrame}s, and replies to control
 * requests, errors in the websocket's wrapped shape or the flat one, into replies. Kline values keep the
 * venue's decimal text; COIN-M volumes keep Binance's meaning (contracts and base), as the Candle
 * javadoc says.
 */
final class BinanceKlineParser {
    private final Function<String, Instrument> symbols;

    /** {@code symbols} maps a Binance symbol ({@code BTCUSDT}) to a followed instrument, or null if unknown. */
    BinanceKlineParser(Function<String, Instrument> symbols) {
        this.symbols = symbols;
    }

    /** Parses a message given as text (tests); the feed hands over the frame's bytes instead. */
    BinanceFrame parse(String text) throws BadInputException {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses one message from its UTF-8 bytes; throws {@link BadInputException} naming the field. */
    BinanceFrame parse(byte[] utf8) throws BadInputException {
        JsonNode root = JsonFields.parse(utf8);
        if (!root.isObject()) {
            throw new BadInputException("wrong-type", "message: expected a JSON object, was " + root.getNodeType());
        }
        if (root.has("error") || (root.has("code") && (root.has("msg") || root.has("id")))) {
            return errorReply(root);
        }
        if (root.has("id") && root.has("result")) {
            return new BinanceFrame.Reply(idText(root), null);
        }
        JsonNode event = root;
        if (root.has("stream") && root.has("data")) {
            event = JsonFields.object(root, "data", "message");
        }
        String type = JsonFields.text(JsonFields.field(event, "e", "event"), "event.e");
        switch (type) {
            case "kline":
                return kline(event);
            case "serverShutdown":
                JsonNode time = event.get("E");
                return new BinanceFrame.Shutdown(
                        time == null ? 0L : CandleChecks.time(JsonFields.longValue(time, "event.E"), "event.E"));
            default:
                return new BinanceFrame.Other(type);
        }
    }

    /**
     * Reads an error reply to a control request. The websocket API wraps it next to the request id,
     * {@code {"error":{"code":2,"msg":"Invalid request: invalid stream"},"id":2}}; the flat REST shape
     * {@code {"code":-1121,"msg":"Invalid symbol."}} is read too, with or without an id. Either is the
     * venue refusing a request, never malformed input.
     */
    private static BinanceFrame errorReply(JsonNode root) throws BadInputException {
        JsonNode body = root;
        String path = "reply";
        if (root.has("error")) {
            body = JsonFields.object(root, "error", "reply");
            path = "reply.error";
        }
        long code = JsonFields.longValue(JsonFields.field(body, "code", path), path + ".code");
        JsonNode msg = body.get("msg");
        String text = msg == null || msg.isNull() ? "" : JsonFields.text(msg, path + ".msg");
        return new BinanceFrame.Reply(idText(root), "code " + code + ": " + text);
    }

    /** The request id as text ({@code "null"} if absent or null: errors to unparseable requests have none). */
    private static String idText(JsonNode root) {
        JsonNode id = root.get("id");
        return id == null ? "null" : id.asText();
    }

    private BinanceFrame kline(JsonNode event) throws BadInputException {
        long eventTime =
                CandleChecks.time(JsonFields.longValue(JsonFields.field(event, "E", "kline"), "kline.E"), "kline.E");
        String symbol = JsonFields.text(JsonFields.field(event, "s", "kline"), "kline.s");
        Instrument instrument = symbols.apply(symbol);
        if (instrument == null) {
            throw new BadInputException("unknown-symbol", "kline.s: expected a followed symbol, was '" + symbol + "'");
        }
        JsonNode k = JsonFields.object(event, "k", "kline");
        String intervalCode = JsonFields.text(JsonFields.field(k, "i", "kline.k"), "kline.k.i");
        Interval interval;
        try {
            interval = Interval.parse(intervalCode);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown-interval", "kline.k.i: " + e.getMessage());
        }
        // Checked here, before BinanceCandles adds the interval to it.
        long open =
                CandleChecks.time(JsonFields.longValue(JsonFields.field(k, "t", "kline.k"), "kline.k.t"), "kline.k.t");
        long close = JsonFields.longValue(JsonFields.field(k, "T", "kline.k"), "kline.k.T");
        BigDecimal o = JsonFields.decimal(JsonFields.field(k, "o", "kline.k"), "kline.k.o");
        BigDecimal c = JsonFields.decimal(JsonFields.field(k, "c", "kline.k"), "kline.k.c");
        BigDecimal h = JsonFields.decimal(JsonFields.field(k, "h", "kline.k"), "kline.k.h");
        BigDecimal l = JsonFields.decimal(JsonFields.field(k, "l", "kline.k"), "kline.k.l");
        BigDecimal v = JsonFields.decimal(JsonFields.field(k, "v", "kline.k"), "kline.k.v");
        long n = JsonFields.longValue(JsonFields.field(k, "n", "kline.k"), "kline.k.n");
        boolean closed = JsonFields.bool(JsonFields.field(k, "x", "kline.k"), "kline.k.x");
        BigDecimal q = JsonFields.decimal(JsonFields.field(k, "q", "kline.k"), "kline.k.q");
        BigDecimal takerBase = JsonFields.decimal(JsonFields.field(k, "V", "kline.k"), "kline.k.V");
        BigDecimal takerQuote = JsonFields.decimal(JsonFields.field(k, "Q", "kline.k"), "kline.k.Q");
        Candle candle = BinanceCandles.candle(
                instrument,
                interval,
                open,
                close,
                o,
                h,
                l,
                c,
                v,
                q,
                n,
                takerBase,
                takerQuote,
                closed,
                CandleSource.WEBSOCKET,
                "kline.k");
        return new BinanceFrame.Kline(candle, eventTime);
    }
}
