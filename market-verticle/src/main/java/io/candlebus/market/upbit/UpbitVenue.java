package io.candlebus.market.upbit;

import io.candlebus.contract.Instrument;
import io.candlebus.market.Endpoint;
import io.candlebus.market.RestClient;
import io.candlebus.market.Retry;
import io.candlebus.market.venue.FeedCounters;
import io.candlebus.market.venue.TradeVenue;
import io.candlebus.market.venue.V1Venue;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Upbit as a {@link TradeVenue} ({@link V1Venue}): trades over {@code /websocket/v1} (binary frames of UTF-8 JSON), closed
 * 1m candles from {@code /v1/candles/minutes/1} paged backwards with a UTC {@code to}
 * ({@code yyyy-MM-ddTHH:mm:ssZ}; Bithumb reads a naive KST time instead), the market list from
 * {@code /v1/market/all}; REST paced by {@link UpbitRestGate} ({@code Remaining-Req}, 429, 418).
 */
final class UpbitVenue extends V1Venue {
    /** Upbit's limit on websocket connection requests per second and IP. */
    private static final int CONNECTS_PER_SECOND = 5;
    /** Real time between two looks at the clock while a request waits for the gate. */
    private static final long GATE_POLL_MILLIS = 5;

    private static final DateTimeFormatter UTC_TO = DateTimeFormatter.ISO_INSTANT;

    private final Vertx vertx;
    private final RestClient rest;
    private final Clock clock;
    private final UpbitRestGate gate = new UpbitRestGate();

    UpbitVenue(Vertx vertx, RestClient rest, Clock clock, Endpoint endpoint) {
        super("market.upbit", "upbit:spot", endpoint, CONNECTS_PER_SECOND, LoggerFactory.getLogger(UpbitFeed.class));
        this.vertx = vertx;
        this.rest = rest;
        this.clock = clock;
    }

    @Override
    public Reader reader(Function<String, Instrument> codes) {
        return new UpbitMessageParser(codes);
    }

    @Override
    protected String candleTo(long pageTo) {
        return toParameter(pageTo);
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
    @Override
    protected Future<byte[]> get(String url, Map<String, String> query) {
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
