package io.candlebus.market.upbit;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.market.BadInputException;
import io.candlebus.market.JsonFields;
import io.candlebus.market.RestException;
import io.candlebus.market.venue.MinuteCandleRows;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses the body of Upbit {@code GET /v1/candles/minutes/1} (JSON numbers, newest first) into closed 1m
 * REST candles ({@link MinuteCandleRows}, the rows Bithumb copies). Upbit answers a refusal with a 4xx
 * status, which fails before a body is read; an error object under a 2xx status is taken as a refusal
 * too, so the caller retries it.
 */
final class UpbitCandleParser {
    private UpbitCandleParser() {}

    /** Returns the good rows; a bad row goes to {@code rejected} and is skipped, a bad body throws. */
    static List<Candle> parse(byte[] body, Instrument instrument, Consumer<BadInputException> rejected)
            throws BadInputException {
        JsonNode root = JsonFields.parse(body);
        if (root.isObject() && root.has("error")) {
            UpbitErrors.Error error = UpbitErrors.read(root.get("error"), "candles.error");
            throw new RestException(200, 0, "candles: venue error " + error.name() + ": " + error.message());
        }
        return MinuteCandleRows.read(root, instrument, rejected);
    }
}
