package io.candlebus.market.bithumb;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.market.BadInputCounter;
import io.candlebus.market.BadInputException;
import io.candlebus.market.Endpoint;
import io.candlebus.market.RestClient;
import io.candlebus.market.RestException;
import io.candlebus.market.SlidingWindowLimiter;
import io.candlebus.market.SymbolLists;
import io.candlebus.market.venue.TradeVenue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bithumb as a {@link TradeVenue}: trades over {@code /websocket/v1} (binary frames of UTF-8 JSON,
 * {@code sequential_id} a digit string), closed 1m candles from {@code /v1/candles/minutes/1} paged
 * backwards with a naive KST {@code to}, the market list from {@code /v1/market/all}. Bithumb sends no
 * rate-limit header: the REST requests of the last second are counted here for the stream status.
 */
final class BithumbVenue implements TradeVenue {
    private static final Logger LOG = LoggerFactory.getLogger(BithumbFeed.class);
    private static final String COMPONENT = "market.bithumb";
    private static final int PAGE_COUNT = 200;
    private static final DateTimeFormatter KST_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset KST = ZoneOffset.ofHours(9);
    /** Bithumb's limit on connection attempts per IP, per second of real time. */
    private static final int CONNECTS_PER_SECOND = 10;

    private final RestClient rest;
    private final Endpoint endpoint;
    private final BadInputCounter badInput = new BadInputCounter(LOG, COMPONENT);
    /** REST requests in the last real second: Bithumb sends no weight header, so this is the REST load. */
    private final SlidingWindowLimiter restRequests = new SlidingWindowLimiter(Integer.MAX_VALUE, 1_000);

    BithumbVenue(RestClient rest, Endpoint endpoint) {
        this.rest = rest;
        this.endpoint = endpoint;
    }

    @Override
    public String component() {
        return COMPONENT;
    }

    @Override
    public String feedKey() {
        return "bithumb:spot";
    }

    @Override
    public String wsUrl() {
        return endpoint.wsUrl();
    }

    @Override
    public int connectsPerSecond() {
        return CONNECTS_PER_SECOND;
    }

    @Override
    public BadInputCounter badInput() {
        return badInput;
    }

    @Override
    public Reader reader(Function<String, Instrument> codes) {
        BithumbTradeParser parser = new BithumbTradeParser(codes);
        return (utf8, to) -> {
            BithumbMessage message = parser.parse(utf8);
            if (message instanceof BithumbMessage.TradeMessage t) {
                to.trade(t.trade(), t.snapshot());
            } else if (message instanceof BithumbMessage.StatusUp) {
                to.statusUp();
            } else if (message instanceof BithumbMessage.Error e) {
                to.venueError(e.name(), e.message());
            } else {
                to.ignored();
            }
        };
    }

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
        restRequests.tryAcquire(realMillis());
        return rest.get(endpoint.restUrl() + "/v1/market/all", Map.of()).compose(body -> {
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
        query.put(
                "to",
                LocalDateTime.ofEpochSecond(Math.floorDiv(pageTo, 1000), 0, KST).format(KST_FORMAT));
        restRequests.tryAcquire(realMillis());
        return rest.get(endpoint.restUrl() + "/v1/candles/minutes/1", query).compose(body -> {
            try {
                return Future.succeededFuture(
                        BithumbCandleParser.parse(body, instrument, e -> badInput.record(e, "REST candles")));
            } catch (BadInputException e) {
                badInput.record(e, new String(body, StandardCharsets.UTF_8));
                return Future.failedFuture(new RestException(200, 0, "unusable candles body: " + e.getMessage()));
            }
        });
    }

    @Override
    public long restUsed() {
        return restRequests.used(realMillis());
    }

    private static long realMillis() {
        return System.nanoTime() / 1_000_000;
    }
}
