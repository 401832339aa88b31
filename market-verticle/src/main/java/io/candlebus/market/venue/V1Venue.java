package io.candlebus.market.venue;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.market.BadInputCounter;
import io.candlebus.market.BadInputException;
import io.candlebus.market.Endpoint;
import io.candlebus.market.RestException;
import io.candlebus.market.SymbolLists;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * What Upbit and Bithumb, as {@link TradeVenue}s, do alike: the trade subscription, the market list from
 * {@code /v1/market/all} and pages of closed 1m candles from {@code /v1/candles/minutes/1} (200 rows, newest
 * first). A venue says how a REST request is sent (paced or only counted), how it spells a page's {@code to}
 * (UTC on Upbit, naive KST on Bithumb) (the candle rows and error bodies are the family's: {@link MinuteCandleRows}).
 */
public abstract class V1Venue implements TradeVenue {
    /** Rows per candle request: the most both venues answer. */
    static final int PAGE_COUNT = 200;

    private final String component;
    private final String feedKey;
    private final Endpoint endpoint;
    private final int connectsPerSecond;
    private final BadInputCounter badInput;

    /**
     * @param component the heartbeat component, e.g. {@code market.bithumb}
     * @param feedKey the feed key of the venue market, e.g. {@code bithumb:spot}
     * @param endpoint the REST base and websocket URL
     * @param connectsPerSecond the connection attempts the venue allows per second (real time) and IP
     * @param log where bad input is logged
     */
    protected V1Venue(String component, String feedKey, Endpoint endpoint, int connectsPerSecond, Logger log) {
        this.component = component;
        this.feedKey = feedKey;
        this.endpoint = endpoint;
        this.connectsPerSecond = connectsPerSecond;
        this.badInput = new BadInputCounter(log, component);
    }

    /** Sends a GET of {@code url} with {@code query} and returns the body (a refusal fails). */
    protected abstract Future<byte[]> get(String url, Map<String, String> query);

    /** Returns a candle page's {@code to} parameter for the exclusive bound {@code pageTo} (epoch ms). */
    protected abstract String candleTo(long pageTo);

    @Override
    public String component() {
        return component;
    }

    @Override
    public String feedKey() {
        return feedKey;
    }

    @Override
    public String wsUrl() {
        return endpoint.wsUrl();
    }

    @Override
    public int connectsPerSecond() {
        return connectsPerSecond;
    }

    @Override
    public BadInputCounter badInput() {
        return badInput;
    }

    /**
     * Returns a trade subscription in the DEFAULT format. No only-flag is sent (Bithumb spells them in camel
     * case, Upbit in snake case): the SNAPSHOT a subscription starts with is what proves a handover's overlap.
     */
    @Override
    public String subscription(Collection<String> codes) {
        return new JsonArray()
                .add(new JsonObject().put("ticket", "candlebus-" + UUID.randomUUID()))
                .add(new JsonObject().put("type", "trade").put("codes", new JsonArray(new ArrayList<>(codes))))
                .add(new JsonObject().put("format", "DEFAULT"))
                .encode();
    }

    @Override
    public Future<Set<String>> loadMarkets() {
        return get(endpoint.restUrl() + "/v1/market/all", Map.of()).compose(body -> {
            try {
                return Future.succeededFuture(SymbolLists.bithumbMarkets(body));
            } catch (BadInputException e) {
                badInput.record(e, "market/all");
                return Future.failedFuture(new RestException(200, 0, "unusable market/all body: " + e.getMessage()));
            }
        });
    }

    @Override
    public int pageCount() {
        return PAGE_COUNT;
    }

    @Override
    public Future<List<Candle>> candlePage(Instrument instrument, long pageTo) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("market", instrument.symbol());
        query.put("count", Integer.toString(PAGE_COUNT));
        query.put("to", candleTo(pageTo));
        return get(endpoint.restUrl() + "/v1/candles/minutes/1", query).compose(body -> {
            try {
                return Future.succeededFuture(
                        MinuteCandleRows.readBody(body, instrument, e -> badInput.record(e, "REST candles")));
            } catch (BadInputException e) {
                badInput.record(e, new String(body, StandardCharsets.UTF_8));
                return Future.failedFuture(new RestException(200, 0, "unusable candles body: " + e.getMessage()));
            }
        });
    }
}
