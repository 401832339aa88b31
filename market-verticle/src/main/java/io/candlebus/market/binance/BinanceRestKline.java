package io.candlebus.market.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.market.BadInputException;
import io.candlebus.market.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses the body of Binance {@code GET /api/v3/klines}, {@code /fapi/v1/klines} and
 * {@code /dapi/v1/klines}: an array of 12-column rows (the last column is unused and may be absent).
 * Every row becomes a closed REST candle; the caller drops rows that may still be open.
 */
final class BinanceRestKline {
    private static final int COLUMNS = 11;

    private BinanceRestKline() {}

    /**
     * Returns the good rows in the order sent; a bad row is handed to {@code rejected} and skipped, a
     * body that is not an array of rows throws.
     */
    static List<Candle> parse(
            byte[] body, Instrument instrument, Interval interval, Consumer<BadInputException> rejected)
            throws BadInputException {
        JsonNode root = JsonFields.parse(body);
        if (!root.isArray()) {
            throw new BadInputException("wrong-type", "klines: expected an array of rows, was " + root.getNodeType());
        }
        List<Candle> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            try {
                out.add(row(root.get(i), instrument, interval, "klines[" + i + "]"));
            } catch (BadInputException e) {
                rejected.accept(e);
            }
        }
        return out;
    }

    static Candle row(JsonNode row, Instrument instrument, Interval interval, String path) throws BadInputException {
        if (!row.isArray()) {
            throw new BadInputException("wrong-type", path + ": expected an array, was " + row.getNodeType());
        }
        if (row.size() < COLUMNS) {
            throw new BadInputException("missing-field", path + ": expected 12 columns, was " + row.size());
        }
        for (int c = 0; c < COLUMNS; c++) {
            if (row.get(c).isNull()) {
                throw new BadInputException("missing-field", path + "[" + c + "]: expected a value, was null");
            }
        }
        return BinanceCandles.candle(
                instrument,
                interval,
                JsonFields.longValue(row.get(0), path + "[0]"),
                JsonFields.longValue(row.get(6), path + "[6]"),
                JsonFields.decimal(row.get(1), path + "[1]"),
                JsonFields.decimal(row.get(2), path + "[2]"),
                JsonFields.decimal(row.get(3), path + "[3]"),
                JsonFields.decimal(row.get(4), path + "[4]"),
                JsonFields.decimal(row.get(5), path + "[5]"),
                JsonFields.decimal(row.get(7), path + "[7]"),
                JsonFields.longValue(row.get(8), path + "[8]"),
                JsonFields.decimal(row.get(9), path + "[9]"),
                JsonFields.decimal(row.get(10), path + "[10]"),
                true,
                CandleSource.REST,
                path);
    }
}
