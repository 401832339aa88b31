package io.candlebus.market.binance;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.candlebus.market.Backoff;
import io.candlebus.market.BadInputException;
import io.candlebus.market.Endpoint;
import io.candlebus.market.RestClient;
import io.candlebus.market.RestException;
import io.candlebus.market.Retry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads closed 1m klines of one Binance market page by page for a history backfill, through the same
 * {@link RestGate} the live feed obeys: the request weight stays within the budget, a 429 pauses and a 418
 * bans every request until the venue's Retry-After (clock time), and a failed request is retried with
 * capped backoff until it succeeds or the caller gives up. One page at a time: not for concurrent use.
 */
public final class BinanceHistory {
    /** Rows per page: Binance's maximum for every market. */
    public static final int PAGE_LIMIT = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(BinanceHistory.class);
    private static final long POLL_MILLIS = 20;

    private final Vertx vertx;
    private final RestClient rest;
    private final Clock clock;
    private final String klinesUrl;
    private final RestGate gate;
    private final int weight;
    private final Backoff backoff = new Backoff(200, 10_000);
    private long retries;

    /** {@code weightBudget}: request weight per minute to stay under (Binance allows 6,000 on spot). */
    public BinanceHistory(
            Vertx vertx, RestClient rest, Clock clock, Endpoint endpoint, Market market, int weightBudget) {
        this.vertx = vertx;
        this.rest = rest;
        this.clock = clock;
        this.klinesUrl = endpoint.restUrl() + klinesPath(market);
        this.gate = new RestGate(weightBudget);
        this.weight = RestGate.klinesWeight(market, PAGE_LIMIT);
    }

    /**
     * Returns the closed 1m klines of {@code instrument} opening in [{@code from}, {@code to}), at most one
     * page ({@link #PAGE_LIMIT} minutes) from {@code from}, oldest first. Rows that may still be open (their
     * close time not yet passed on the clock) are left out. Retries until {@code stopped} says so.
     */
    public Future<List<Candle>> page(Instrument instrument, long from, long to, BooleanSupplier stopped) {
        long pageEnd = Math.min(to, from + PAGE_LIMIT * Interval.M1.millis());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("symbol", instrument.symbol());
        query.put("interval", Interval.M1.code());
        query.put("startTime", Long.toString(from));
        query.put("endTime", Long.toString(pageEnd - 1));
        query.put("limit", Integer.toString(PAGE_LIMIT));
        Promise<List<Candle>> done = Promise.promise();
        attempt(instrument, query, from, pageEnd, stopped, done);
        return done.future();
    }

    /** Returns how many 429 pauses the venue imposed. */
    public long pauses() {
        return gate.pauses();
    }

    /** Returns how many 418 bans the venue imposed. */
    public long bans() {
        return gate.bans();
    }

    /** Returns how many requests were repeated after a failure. */
    public long retries() {
        return retries;
    }

    private void attempt(
            Instrument instrument,
            Map<String, String> query,
            long from,
            long pageEnd,
            BooleanSupplier stopped,
            Promise<List<Candle>> done) {
        if (stopped.getAsBoolean()) {
            done.fail(new RestException(0, 0, instrument + ": backfill stopped"));
            return;
        }
        long now = clock.millis();
        long at = gate.openAt(now, weight);
        if (at > now) {
            Retry.after(vertx, clock, POLL_MILLIS, at, () -> attempt(instrument, query, from, pageEnd, stopped, done));
            return;
        }
        gate.sent(now, weight);
        rest.get(klinesUrl, query).onComplete(ar -> {
            long answered = clock.millis();
            gate.reported(answered, rest.lastUsedWeight());
            if (ar.succeeded()) {
                try {
                    List<Candle> rows = new ArrayList<>();
                    for (Candle c : BinanceRestKline.parse(ar.result(), instrument, Interval.M1, e -> {})) {
                        if (c.openTime() >= from && c.openTime() < pageEnd && c.openTime() + 60_000L <= answered) {
                            rows.add(c);
                        }
                    }
                    rows.sort(Comparator.comparingLong(Candle::openTime));
                    backoff.reset();
                    done.complete(rows);
                } catch (BadInputException e) {
                    retry(instrument, query, from, pageEnd, stopped, done, "unusable klines body: " + e.getMessage());
                }
                return;
            }
            if (ar.cause() instanceof RestException e) {
                if (e.status() == 418) {
                    gate.banned(answered, e.retryAfterMillis());
                } else if (e.status() == 429) {
                    gate.limited(answered, e.retryAfterMillis());
                } else if (e.status() / 100 == 4) {
                    // Any other 4xx (bad symbol, bad parameter) will not get better by asking again.
                    done.fail(e);
                    return;
                }
            }
            retry(instrument, query, from, pageEnd, stopped, done, ar.cause().getMessage());
        });
    }

    private void retry(
            Instrument instrument,
            Map<String, String> query,
            long from,
            long pageEnd,
            BooleanSupplier stopped,
            Promise<List<Candle>> done,
            String why) {
        retries++;
        long delay = backoff.next();
        LOG.warn("backfill {}: klines request failed ({}); retrying in {} ms", instrument, why, delay);
        vertx.setTimer(delay, id -> attempt(instrument, query, from, pageEnd, stopped, done));
    }

    private static String klinesPath(Market market) {
        return switch (market) {
            case USDM -> "/fapi/v1/klines";
            case COINM -> "/dapi/v1/klines";
            default -> "/api/v3/klines";
        };
    }
}
