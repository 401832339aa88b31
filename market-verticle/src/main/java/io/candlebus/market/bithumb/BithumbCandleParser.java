package io.candlebus.market.bithumb;

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
 * Parses the body of Bithumb {@code GET /v1/candles/minutes/1} into closed 1m REST candles, in the
 * order sent (newest first): the rows are those of the whole Upbit v1 family ({@link MinuteCandleRows});
 * what is Bithumb's own is an error object sent with a 2xx status.
 */
final class BithumbCandleParser {
    private BithumbCandleParser() {}

    /**
     * Returns the good rows; a bad row goes to {@code rejected} and is skipped, a bad body throws. An
     * error body ({@code {"error":{"name":...,"message":...}}}), which Bithumb may send with a 2xx status,
     * is the venue's refusal, not bad input: it throws a {@link RestException} naming the error, so the
     * caller retries it as it retries any failed request.
     */
    static List<Candle> parse(byte[] body, Instrument instrument, Consumer<BadInputException> rejected)
            throws BadInputException {
        JsonNode root = JsonFields.parse(body);
        if (root.isObject() && root.has("error")) {
            BithumbMessage.Error error = BithumbErrors.read(root.get("error"), "candles.error");
            throw new RestException(200, 0, "candles: venue error " + error.name() + ": " + error.message());
        }
        return MinuteCandleRows.read(root, instrument, rejected);
    }
}
