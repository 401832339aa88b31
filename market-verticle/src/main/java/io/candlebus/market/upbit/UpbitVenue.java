package io.candlebus.market.upbit;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.market.BadInputCounter;
import io.candlebus.market.BadInputException;
import io.candlebus.market.Endpoint;
import io.candlebus.market.RestClient;
import io.candlebus.market.RestException;
import io.candlebus.market.Retry;
import io.candlebus.market.SymbolLists;
import io.candlebus.market.venue.FeedCounters;
import io.candlebus.market.venue.TradeVenue;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
 * Upbit as a {@link TradeVenue}: trades over {@code /websocket/v1} (binary frames of UTF-8 JSON), closed
 * 1m candles from {@code /v1/candles/minutes/1} paged backwards with a UTC {@code to}
 * ({@code yyyy-MM-ddTHH:mm:ssZ}; Bithumb reads a naive KST time instead), the market list from
 * {@code /v1/market/all}; REST paced by {@link UpbitRestGate} ({@code Remaining-Req}, 429, 418).
 */
final class UpbitVenue implements TradeVenue {
    private static final Logger LOG = LoggerFactory.getLogger(UpbitFeed.class);
    private static final String COMPONENT = "market.upbit";
    /** Rows per candle request: Upbit's maximum. */
    private static final int PAGE_COUNT = 200;
    /** Upbit's limit on websocket connection requests per second and IP. */
    private static final int CONNECTS_PER_SECOND = 5;
    /** Real time between two looks at the clock while a request waits for the gate. */
    private static final long GATE_POLL_MILLIS = 5;

    private static final DateTimeFormatter UTC_TO = DateTimeFormatter.ISO_INSTANT;

    private final Vertx vertx;
    private final RestClient rest;
    private final Clock clock;
    private final Endpoint endpoint;
    private final BadInputCounter badInput = new BadInputCounter(LOG, COMPONENT);
    private final UpbitRestGate gate = new UpbitRestGate();

    UpbitVenue(Vertx vertx, RestClient rest, Clock clock, Endpoint endpoint) {
        this.vertx = vertx;
        this.rest = rest;
        this.clock = clock;
        this.endpoint = endpoint;
    }

    @Override
    public String component() {
        return COMPONENT;
    }

    @Override
    public String feedKey() {
        return "upbit:spot";
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
        return new UpbitMessageParser(codes);
    }

    @Override
    public String subscription(Collection<String> codes) {
        // Upbit spells the request options in snake case (is_only_realtime); none is sent: the SNAPSHOT a
        // subscription starts with is what proves a handover's overlap.
        return new JsonArray()
                .add(new JsonObject().put("ticket", "candlebus-" + UUID.randomUUID()))
                .add(new JsonObject().put("type", "trade").put("codes", new JsonArray(new ArrayList<>(codes))))
                .add(new JsonObject().put("format", "DEFAULT"))
                .encode();
    }

    @Override
    public Future<Set<String>> loadMarkets() {
        return request(endpoint.restUrl() + "/v1/market/all", Map.of()).compose(body -> {
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
        query.put("to", toParameter(pageTo));
        return request(endpoint.restUrl() + "/v1/candles/minutes/1", query).compose(body -> {
            try {
                return Future.succeededFuture(
                        UpbitCandleParser.parse(body, instrument, e -> badInput.record(e, "REST candles")));
            } catch (BadInputException e) {
                badInput.record(e, new String(body, StandardCharsets.UTF_8));
                return Future.failedFuture(new RestException(200, 0, "unusable candles body: " + e.getMessage()));
            }
        });
    }

    @Override
    public long restUsed() {
        return gate.used(clock.millis());
    }

    @Override
    public long bannedUntil() {
        return gate.bannedUntil(clock.millis());
    }

    @Override
    public void registerCounters(FeedCounters counters) {
        counters.gauge("restPauses", gate::pauses);
        counters.gauge("restBans", gate::bans);
        counters.gauge("restRemaining", gate::remaining);
    }

    /** Returns the {@code to} of a candle request: the exclusive bound in UTC, {@code 2026-01-01T00:02:00Z}. */
    static String toParameter(long epochMillis) {
        return UTC_TO.format(Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS));
    }

    /** Sends a GET once the gate allows it; a refusal comes back as the failure the caller retries. */
    private Future<byte[]> request(String url, Map<String, String> query) {
        Promise<Void> allowed = Promise.promise();
        long at = gate.nextAllowed(clock.millis());
        if (at <= clock.millis()) {
            allowed.complete();
        } else {
            Retry.after(vertx, clock, GATE_POLL_MILLIS, at, allowed::complete);
        }
        return allowed.future().compose(v -> {
            gate.sent(clock.millis());
            return rest.get(url, query, (status, headers) -> gate.answered(status, headers, clock.millis()))
                    .recover(e -> Future.failedFuture(gate.refused(e, clock.millis())));
        });
    }
}
