package io.candlebus.market.venue;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.market.BadInputException;
import io.candlebus.market.CandleChecks;
import io.candlebus.market.JsonFields;
import io.candlebus.market.RestException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the rows of a {@code GET /v1/candles/minutes/1} body of the Upbit v1 family (Upbit and Bithumb
 * answer with the same row) into closed 1m REST candles, in the order sent (newest first).
 * {@code candle_date_time_utc} is the bucket start; prices and volumes keep the JSON number text exactly,
 * and each numeric field may also come as a numeric string (some Bithumb REST endpoints send every value
 * as one). The rows carry no trade count and no taker volumes: those are 0 in the result (the REST source
 * says so).
 */
public final class MinuteCandleRows {
    private MinuteCandleRows() {}

    /**
     * Returns the good rows of a whole body; a bad row goes to {@code rejected} and is skipped, a bad body
     * throws. An error body ({@code {"error":{"name":...,"message":...}}}), which Bithumb may send with a 2xx
     * status (Upbit's come with a 4xx, which fails before a body is read), is the venue's refusal, not bad
     * input: it throws a {@link RestException} naming the error, so the caller retries it as it retries any
     * failed request.
     */
    public static List<Candle> readBody(byte[] body, Instrument instrument, Consumer<BadInputException> rejected)
            throws BadInputException {
        JsonNode root = JsonFields.parse(body);
        if (root.isObject() && root.has("error")) {
            V1Errors.Error error = V1Errors.read(root.get("error"), "candles.error");
            throw new RestException(200, 0, "candles: venue error " + error.name() + ": " + error.message());
        }
        return read(root, instrument, rejected);
    }

    /** Returns the good rows of the array {@code root}; a bad row goes to {@code rejected} and is skipped. */
    public static List<Candle> read(JsonNode root, Instrument instrument, Consumer<BadInputException> rejected)
            throws BadInputException {
        if (!root.isArray()) {
            throw new BadInputException("wrong-type", "candles: expected an array, was " + root.getNodeType());
        }
        List<Candle> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            try {
                out.add(row(root.get(i), instrument, "candles[" + i + "]"));
            } catch (BadInputException e) {
                rejected.accept(e);
            }
        }
        return out;
    }

    /** Reads one row; throws naming the field at {@code path}. */
    public static Candle row(JsonNode row, Instrument instrument, String path) throws BadInputException {
        if (!row.isObject()) {
            throw new BadInputException("wrong-type", path + ": expected an object, was " + row.getNodeType());
        }
        String market = JsonFields.text(JsonFields.field(row, "market", path), path + ".market");
        if (!market.equals(instrument.symbol())) {
            throw new BadInputException(
                    "unknown-symbol", path + ".market: expected " + instrument.symbol() + ", was '" + market + "'");
        }
        JsonNode unit = row.get("unit");
        if (unit != null && !unit.isNull() && JsonFields.integer(unit, path + ".unit") != 1) {
            throw new BadInputException("unknown-interval", path + ".unit: expected 1, was " + unit.asText());
        }
        String utc =
                JsonFields.text(JsonFields.field(row, "candle_date_time_utc", path), path + ".candle_date_time_utc");
        long openTime;
        try {
            openTime = LocalDateTime.parse(utc).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            // ArithmeticException: a year such as +999999999 parses but overflows epoch milliseconds.
            throw new BadInputException(
                    "bad-time", path + ".candle_date_time_utc: expected yyyy-MM-ddTHH:mm:ss, was '" + utc + "'");
        }
        CandleChecks.time(openTime, path + ".candle_date_time_utc");
        if (!Interval.M1.isAligned(openTime)) {
            throw new BadInputException(
                    "misaligned", path + ".candle_date_time_utc: expected a whole minute, was '" + utc + "'");
        }
        BigDecimal open = JsonFields.decimal(JsonFields.field(row, "opening_price", path), path + ".opening_price");
        BigDecimal high = JsonFields.decimal(JsonFields.field(row, "high_price", path), path + ".high_price");
        BigDecimal low = JsonFields.decimal(JsonFields.field(row, "low_price", path), path + ".low_price");
        BigDecimal close = JsonFields.decimal(JsonFields.field(row, "trade_price", path), path + ".trade_price");
        BigDecimal quote = JsonFields.decimal(
                JsonFields.field(row, "candle_acc_trade_price", path), path + ".candle_acc_trade_price");
        BigDecimal volume = JsonFields.decimal(
                JsonFields.field(row, "candle_acc_trade_volume", path), path + ".candle_acc_trade_volume");
        CandleChecks.ohlc(open, high, low, close, path);
        CandleChecks.nonNegative(volume, path + ".candle_acc_trade_volume");
        CandleChecks.nonNegative(quote, path + ".candle_acc_trade_price");
        return new Candle(
                instrument,
                Interval.M1,
                openTime,
                open,
                high,
                low,
                close,
                volume,
                quote,
                0L,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                true,
                CandleSource.REST);
    }
}
