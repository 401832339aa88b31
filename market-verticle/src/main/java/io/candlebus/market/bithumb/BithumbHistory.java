package io.candlebus.market.bithumb;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.market.Backoff;
import io.candlebus.market.BadInputException;
import io.candlebus.market.Endpoint;
import io.candlebus.market.RestClient;
import io.candlebus.market.RestException;
import io.candlebus.market.Retry;
import io.candlebus.market.SlidingWindowLimiter;
import io.candlebus.market.candle.QuietMinutes;
import io.candlebus.market.venue.MinuteCandleRows;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads closed 1m candles of Bithumb page by page for a history backfill, minutes without trades
 * filled flat at the close before them as the live feed publishes them (ADR 0004). Requests stay under
 * {@code requestsPerSecond} (real time), a 429 or 5xx waits for the venue's Retry-After (clock time) and a
 * capped backoff, and a failed request is retried until it succeeds or the caller gives up. One page at a
 * time: not for concurrent use.
 */
public final class BithumbHistory {
    /** Rows per request: Bithumb's maximum. */
    public static final int PAGE_COUNT = 200;
    /** How far before a range a first page looks for the close a leading quiet minute is flat at. */
    public static final long LOOKBACK_MILLIS = 60 * 60_000L;

    private static final Logger LOG = LoggerFactory.getLogger(BithumbHistory.class);
    private static final long MINUTE = Interval.M1.millis();

    private final Vertx vertx;
    private final RestClient rest;
    private final Clock clock;
    private final String candlesUrl;
    private final SlidingWindowLimiter limiter;
    private final Backoff backoff = new Backoff(200, 10_000);
    private long retries;
    private long limited;

    public BithumbHistory(Vertx vertx, RestClient rest, Clock clock, Endpoint endpoint, int requestsPerSecond) {
        this.vertx = vertx;
        this.rest = rest;
        this.clock = clock;
        this.candlesUrl = endpoint.restUrl() + "/v1/candles/minutes/1";
        this.limiter = new SlidingWindowLimiter(requestsPerSecond, 1_000);
    }

    /** One page: the 1m candles from {@code from}, oldest first, and the last one known (null if none). */
    public record Page(List<Candle> candles, long until, QuietMinutes.Previous last) {}

    /**
     * Returns the closed 1m candles of {@code instrument} opening in [{@code from}, {@code until}), where
     * {@code until} is at most {@link #PAGE_COUNT} minutes after {@code from} and at most {@code to}; a minute
     * without trades comes flat at the close before it. {@code previous} is the last candle before
     * {@code from}, if known; without it the page looks {@link #LOOKBACK_MILLIS} further back for that close
     * (a minute before the stream's first trade is never invented).
     */
    public Future<Page> page(
            Instrument instrument, long from, long to, QuietMinutes.Previous previous, BooleanSupplier stopped) {
        if (to <= from) {
            throw new IllegalArgumentException("range: expected from < to, was " + from + ".." + to);
        }
        boolean known = previous != null && previous.openTime() >= from - MINUTE;
        long windowFrom = known ? from : from - LOOKBACK_MILLIS;
        long until = Math.min(to, windowFrom + PAGE_COUNT * MINUTE);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("market", instrument.symbol());
        query.put("count", Integer.toString(PAGE_COUNT));
        query.put("to", BithumbVenue.kstTo(until));
        Promise<Page> done = Promise.promise();
        long start = windowFrom;
        long end = until;
        attempt(instrument, query, stopped, done, body -> {
            TreeMap<Long, Candle> rows = new TreeMap<>();
            long answered = clock.millis();
            for (Candle c : MinuteCandleRows.readBody(body, instrument, e -> {})) {
                // The bucket in progress is sent too: only a minute whose end has passed is closed.
                if (c.openTime() >= start && c.openTime() < end && c.openTime() + MINUTE <= answered) {
                    rows.put(c.openTime(), c);
                }
            }
            long closedUntil = Math.min(end, Interval.M1.openTimeOf(answered));
            List<Candle> filled = QuietMinutes.fill(instrument, rows, start, closedUntil, known ? previous : null);
            List<Candle> candles =
                    filled.stream().filter(c -> c.openTime() >= from).toList();
            QuietMinutes.Previous last = filled.isEmpty()
                    ? previous
                    : new QuietMinutes.Previous(
                            filled.get(filled.size() - 1).openTime(),
                            filled.get(filled.size() - 1).close());
            return new Page(candles, Math.max(from, closedUntil), last);
        });
        return done.future();
    }

    /** Returns how many 429 answers the venue sent. */
    public long limited() {
        return limited;
    }

    /** Returns how many requests were repeated after a failure. */
    public long retries() {
        return retries;
    }

    private interface Reader {
        Page read(byte[] body) throws BadInputException;
    }

    private void attempt(
            Instrument instrument,
            Map<String, String> query,
            BooleanSupplier stopped,
            Promise<Page> done,
            Reader reader) {
        if (stopped.getAsBoolean()) {
            done.fail(new RestException(0, 0, instrument + ": backfill stopped"));
            return;
        }
        long real = System.currentTimeMillis();
        long next = limiter.nextAllowed(real);
        if (next > real) {
            vertx.setTimer(Math.max(1, next - real), id -> attempt(instrument, query, stopped, done, reader));
            return;
        }
        limiter.tryAcquire(real);
        rest.get(candlesUrl, query).onComplete(ar -> {
            long notBefore = clock.millis();
            String why;
            if (ar.succeeded()) {
                try {
                    Page page = reader.read(ar.result());
                    backoff.reset();
                    done.complete(page);
                    return;
                } catch (BadInputException | RestException e) {
                    why = "unusable candles body: " + e.getMessage();
                }
            } else if (ar.cause() instanceof RestException e
                    && e.status() / 100 == 4
                    && e.status() != 429
                    && e.status() != 418) {
                // A bad market code or parameter will not get better by asking again.
                done.fail(e);
                return;
            } else {
                if (ar.cause() instanceof RestException e) {
                    if (e.status() == 429) {
                        limited++;
                    }
                    notBefore += e.retryAfterMillis();
                }
                why = ar.cause().getMessage();
            }
            retries++;
            long delay = backoff.next();
            LOG.warn("backfill {}: candles request failed ({}); retrying in {} ms", instrument, why, delay);
            Retry.after(vertx, clock, delay, notBefore, () -> attempt(instrument, query, stopped, done, reader));
        });
    }
}
