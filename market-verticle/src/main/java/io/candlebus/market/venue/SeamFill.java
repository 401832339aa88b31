package io.candlebus.market.venue;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Trade;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestException;
import io.candlebus.market.Retry;
import io.candlebus.market.candle.QuietMinutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a code's live trades to REST minute candles at its seam, and fills from REST what a lost
 * connection missed: the part of {@link TradeStreamFeed} that talks to the venue's candle endpoint.
 *
 * <p>Seam: the first live trade on a connection falls in minute S, whose earlier trades the websocket
 * missed. Minutes up to and including S come from REST, fetched once S is over on the venue (clock
 * past S + 1 minute + grace; REST for a closed minute is exact); trades after S are held until then and
 * released right after the REST candles, so the aggregator builds S + 1 onwards from complete trade
 * data and the partial minute S is never published from trades. After a reconnect the same happens,
 * REST starting from the last minute that had live trades (its candle was in doubt).
 *
 * <p>REST omits minutes without trades: they are published as flat zero-volume candles at the previous
 * close (source AGGREGATED, ADR 0004), between rows and after the last candle published, never before a
 * code's first known candle.
 */
final class SeamFill {
    /** What the fill needs of its feed. */
    interface Owner {
        /** Publishes a live trade the seam held back. */
        void publish(CodeState cs, Trade trade);

        boolean stopped();
    }

    private static final Logger LOG = LoggerFactory.getLogger(SeamFill.class);
    /** Clock time a code waits without a trade before a quiet market sets its seam. */
    private static final long QUIET_SEAM_MILLIS = 60_000;
    /** How far before a REST range the feed looks for the close its first quiet minutes repeat. */
    private static final long LOOKBACK_MILLIS = 60 * 60_000L;

    private final Vertx vertx;
    private final Clock clock;
    private final MarketConfig config;
    private final FeedSink sink;
    private final TradeVenue venue;
    private final Owner owner;
    /**
     * Per code, the last 1m candle or trade published: a minute without trades repeats its close. Kept when
     * a code is removed, so that a re-added code continues from it.
     */
    private final Map<String, QuietMinutes.Previous> lastKnown = new HashMap<>();

    private final FeedCounters.Counter gapsFilled;
    private final FeedCounters.Counter restRows;
    private final FeedCounters.Counter quietMinutes;

    SeamFill(
            Vertx vertx,
            Clock clock,
            MarketConfig config,
            FeedSink sink,
            TradeVenue venue,
            FeedCounters counters,
            Owner owner) {
        this.vertx = vertx;
        this.clock = clock;
        this.config = config;
        this.sink = sink;
        this.venue = venue;
        this.owner = owner;
        this.gapsFilled = counters.counter("gapsFilled");
        this.restRows = counters.counter("restRows");
        this.quietMinutes = counters.counter("quietMinutes");
    }

    /** Sets the seam of {@code cs} at {@code seamMinute}; its warm-up history is fetched at once. */
    void begin(CodeState cs, long seamMinute) {
        cs.phase = CodeState.Phase.SEAM;
        cs.seam = seamMinute;
        cs.fetchAt = seamMinute + Interval.M1.millis() + config.closeGraceMillis();
        cs.buffer.removeIf(t -> Interval.M1.openTimeOf(t.tradeTime()) <= seamMinute);
        if (!cs.warmupRequested && cs.restFrom == CodeState.NONE) {
            startHistoryFetch(cs);
        }
    }

    /**
     * Ticks every code of {@code codes}; one quiet for a minute on a connection that answered a {@code PING}
     * ({@code answering}) gets its seam at this minute.
     */
    void tick(Collection<CodeState> codes, boolean answering, long now) {
        for (CodeState cs : new ArrayList<>(codes)) {
            if (answering
                    && cs.onLink
                    && cs.phase == CodeState.Phase.WAITING
                    && now - cs.waitingSince >= QUIET_SEAM_MILLIS) {
                // A quiet market: no trade for a minute on a connection that answers, so the minute after this
                // one is surely covered. A connection that never answered may be stalled: when it resumes
                // without replaying what it missed, its first trade sets the seam instead.
                begin(cs, Interval.M1.openTimeOf(now));
            }
            tick(cs, now);
        }
    }

    /** Starts the seam fetch of {@code cs} once its seam minute is over on the venue. */
    void tick(CodeState cs, long now) {
        if (cs.phase == CodeState.Phase.SEAM && !cs.fetching && cs.fetchAt != CodeState.NONE && now >= cs.fetchAt) {
            cs.fetchAt = CodeState.NONE;
            startSeamFetch(cs);
        }
    }

    /** Remembers the close of {@code minute} as the one a following quiet minute repeats. */
    void remember(CodeState cs, long minute, BigDecimal close) {
        QuietMinutes.Previous known = lastKnown.get(cs.instrument.symbol());
        if (known == null || minute >= known.openTime()) {
            lastKnown.put(cs.instrument.symbol(), new QuietMinutes.Previous(minute, close));
        }
    }

    /**
     * Publishes the warm-up history (every minute before the seam minute, all over on the venue) at once,
     * rather than when the seam minute ends: bands need that history, and waiting would keep them off
     * the status page for up to a minute. The seam fetch then continues from the seam minute; if this
     * fetch fails or is late, the seam fetch covers the whole range itself and the aggregator drops the
     * repeats.
     */
    private void startHistoryFetch(CodeState cs) {
        Interval largest = config.largestInterval();
        long to = cs.seam;
        long from = largest.openTimeOf(to + Interval.M1.millis()) - (long) config.warmupCandles() * largest.millis();
        cs.warmupRequested = true;
        long token = cs.fetchToken;
        long fetchFrom = fetchFrom(cs, from);
        TreeMap<Long, Candle> rows = new TreeMap<>();
        fetchPage(cs, fetchFrom, to, to, rows).onComplete(ar -> {
            if (ar.failed()
                    || cs.removed
                    || owner.stopped()
                    || token != cs.fetchToken
                    || cs.phase != CodeState.Phase.SEAM
                    || cs.fetching) {
                return;
            }
            publishRange(cs, rows, fetchFrom, from, to);
            cs.historyUntil = to;
        });
    }

    private void startSeamFetch(CodeState cs) {
        long to = cs.seam + Interval.M1.millis();
        long from;
        if (cs.restFrom != CodeState.NONE) {
            from = cs.restFrom;
        } else if (cs.historyUntil != CodeState.NONE) {
            from = cs.historyUntil;
        } else {
            Interval largest = config.largestInterval();
            from = largest.openTimeOf(to) - (long) config.warmupCandles() * largest.millis();
        }
        cs.warmupRequested = true;
        cs.fetching = true;
        long token = ++cs.fetchToken;
        long fetchFrom = fetchFrom(cs, from);
        TreeMap<Long, Candle> rows = new TreeMap<>();
        fetchPage(cs, fetchFrom, to, to, rows).onComplete(ar -> {
            if (cs.removed || token != cs.fetchToken || owner.stopped()) {
                return;
            }
            if (ar.failed()) {
                cs.fetching = false;
                cs.retryPending = true;
                long retryAfter = ar.cause() instanceof RestException re ? re.retryAfterMillis() : 0;
                long delay = cs.restBackoff.next();
                LOG.warn(
                        "{}: REST candles for {} failed ({}); retrying in {} ms, venue asked for {} ms",
                        venue.component(),
                        cs.instrument,
                        ar.cause().getMessage(),
                        delay,
                        retryAfter);
                Retry.after(vertx, clock, delay, clock.millis() + retryAfter, () -> {
                    cs.retryPending = false;
                    if (!cs.removed && token == cs.fetchToken && cs.phase == CodeState.Phase.SEAM && !cs.fetching) {
                        startSeamFetch(cs);
                    }
                });
                return;
            }
            cs.restBackoff.reset();
            finish(cs, rows, fetchFrom, from, to);
        });
    }

    /**
     * Returns where to fetch a REST range that starts at {@code from}: there, if the close before it is
     * known (the last candle or trade published is the minute before or later), else an hour earlier, so
     * that a first minute without trades can be published flat at the close of the row before it.
     */
    private long fetchFrom(CodeState cs, long from) {
        QuietMinutes.Previous known = lastKnown.get(cs.instrument.symbol());
        return known != null && known.openTime() >= from - Interval.M1.millis() ? from : from - LOOKBACK_MILLIS;
    }

    /** Fetches candles in [from, to), newest first, paging backwards with the exclusive {@code to}. */
    private Future<Void> fetchPage(CodeState cs, long from, long to, long pageTo, TreeMap<Long, Candle> rows) {
        return venue.candlePage(cs.instrument, pageTo).compose(page -> {
            long oldest = Long.MAX_VALUE;
            for (Candle c : page) {
                oldest = Math.min(oldest, c.openTime());
                if (c.openTime() >= from && c.openTime() < to) {
                    rows.putIfAbsent(c.openTime(), c);
                }
            }
            boolean more = page.size() >= venue.pageCount() && oldest > from && oldest < pageTo;
            return more ? fetchPage(cs, from, to, oldest, rows) : Future.succeededFuture();
        });
    }

    /**
     * Publishes the candles of the REST range [from, to) fetched from {@code fetchFrom} (rows by open
     * time), with the minutes REST omits (no trades) as flat candles at the close before them; returns
     * how many were published. No aggregator {@code cover} is sent: the first candle published starts
     * the stream, so a larger bucket whose first minutes are unknown is not taken for complete.
     */
    private int publishRange(CodeState cs, NavigableMap<Long, Candle> rows, long fetchFrom, long from, long to) {
        List<Candle> candles =
                QuietMinutes.fill(cs.instrument, rows, fetchFrom, to, lastKnown.get(cs.instrument.symbol()));
        int published = 0;
        int fromRest = 0;
        for (Candle c : candles) {
            if (c.openTime() < from) {
                continue;
            }
            sink.kline(c);
            remember(cs, c.openTime(), c.close());
            published++;
            if (c.source() != CandleSource.AGGREGATED) {
                fromRest++;
            }
        }
        restRows.add(fromRest);
        quietMinutes.add(published - fromRest);
        return published;
    }

    private void finish(CodeState cs, NavigableMap<Long, Candle> rows, long fetchFrom, long from, long to) {
        boolean gapFill = cs.restFrom != CodeState.NONE;
        int published = publishRange(cs, rows, fetchFrom, from, to);
        cs.liveFrom = cs.seam + Interval.M1.millis();
        sink.resume(cs.instrument, cs.liveFrom);
        cs.phase = CodeState.Phase.LIVE;
        cs.fetching = false;
        cs.restFrom = CodeState.NONE;
        cs.historyUntil = CodeState.NONE;
        if (gapFill) {
            gapsFilled.inc();
            cs.gapsFilled++;
        }
        LOG.info(
                "{}: {} joined to REST: {} candles ({} without trades) from {} through seam {}, live from {}",
                venue.component(),
                cs.instrument,
                published,
                published - rows.tailMap(from).size(),
                from,
                cs.seam,
                cs.liveFrom);
        List<Trade> held = new ArrayList<>(cs.buffer);
        cs.buffer.clear();
        for (Trade trade : held) {
            if (trade.tradeTime() >= cs.liveFrom) {
                owner.publish(cs, trade);
            }
        }
    }
}
