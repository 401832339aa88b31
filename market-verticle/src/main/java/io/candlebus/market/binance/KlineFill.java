package io.candlebus.market.binance;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.candlebus.market.BadInputCounter;
import io.candlebus.market.BadInputException;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestException;
import io.candlebus.market.Retry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a kline stream's closed minutes from REST: the warm-up history before its first live kline,
 * a gap a missed {@code x:true} or a reconnect left, and the minutes a silent stream never closed on the
 * websocket (a confirmation, which also notices trades the websocket did not push). Live klines are held
 * by the stream meanwhile and handed back to the feed, in order, once the rows are out.
 */
final class KlineFill {
    /** What the fill needs from its feed. */
    interface Owner {
        /** Publishes {@code kline} of {@code s} unless it is a minute already published. */
        void deliver(KlineStream s, Candle kline);

        /** Takes a live kline held during the fill as if it arrived now. */
        void replay(KlineStream s, Candle kline);

        boolean stopped();
    }

    private static final Logger LOG = LoggerFactory.getLogger(KlineFill.class);
    /** Rows per REST page; the window of a page never exceeds it, which makes COIN-M's paging match spot's. */
    static final int PAGE_LIMIT = 1000;
    /** How often REST is asked again when the newest expected row is not there yet. */
    private static final int MISSING_ROW_RETRIES = 3;

    private final Vertx vertx;
    private final Clock clock;
    private final MarketConfig config;
    private final FeedSink sink;
    private final BinanceRest restApi;
    private final Market market;
    private final BadInputCounter badInput;
    private final String component;
    private final Owner owner;

    private long gapsFilled;
    private long restRows;
    private long missedTrades;

    KlineFill(
            Vertx vertx,
            Clock clock,
            MarketConfig config,
            FeedSink sink,
            BinanceRest restApi,
            Market market,
            BadInputCounter badInput,
            String component,
            Owner owner) {
        this.vertx = vertx;
        this.clock = clock;
        this.config = config;
        this.sink = sink;
        this.restApi = restApi;
        this.market = market;
        this.badInput = badInput;
        this.component = component;
        this.owner = owner;
    }

    long gapsFilled() {
        return gapsFilled;
    }

    long restRows() {
        return restRows;
    }

    /** Confirmed minutes with trades the websocket did not push. */
    long missedTrades() {
        return missedTrades;
    }

    /** Fills [coveredUntil, to) from REST; {@code confirm}: only the closed minutes of a silent stream. */
    void start(KlineStream s, long to, boolean confirm) {
        boolean warmup = s.coveredUntil == KlineStream.NONE;
        long from = warmup ? warmupStart(to) : s.coveredUntil;
        s.filling = true;
        s.fillingGap = !warmup;
        s.confirming = confirm;
        long token = ++s.fillToken;
        if (warmup) {
            sink.cover(s.instrument, from);
        }
        fetch(s, token, from, to, warmup, 0);
    }

    private long warmupStart(long liveFrom) {
        Interval largest = config.largestInterval();
        return largest.openTimeOf(liveFrom) - (long) config.warmupCandles() * largest.millis();
    }

    private boolean current(KlineStream s, long token) {
        return !s.removed && token == s.fillToken && !owner.stopped();
    }

    private void fetch(KlineStream s, long token, long from, long to, boolean warmup, int missingRetries) {
        if (from >= to) {
            finishFill(s, token, List.of(), from, to, warmup);
            return;
        }
        TreeMap<Long, Candle> rows = new TreeMap<>();
        fetchPage(s, token, from, to, rows).onComplete(ar -> {
            if (!current(s, token)) {
                return;
            }
            if (ar.failed()) {
                long delay = s.restBackoff.next();
                LOG.warn(
                        "{}: REST klines for {} failed ({}); retrying in {} ms or when the venue allows",
                        component,
                        s.instrument,
                        ar.cause().getMessage(),
                        delay);
                Retry.after(vertx, clock, delay, clock.millis(), () -> {
                    if (current(s, token)) {
                        fetch(s, token, from, to, warmup, missingRetries);
                    }
                });
                return;
            }
            s.restBackoff.reset();
            long lastExpected = to - Interval.M1.millis();
            if (!rows.containsKey(lastExpected) && missingRetries < MISSING_ROW_RETRIES) {
                // The venue may not have the minute that just ended yet: ask again shortly.
                vertx.setTimer(config.reconnectMinMillis(), id -> {
                    if (current(s, token)) {
                        fetch(s, token, from, to, warmup, missingRetries + 1);
                    }
                });
                return;
            }
            finishFill(s, token, new ArrayList<>(rows.values()), from, to, warmup);
        });
    }

    /**
     * Fetches [from, to) page by page, each page a window of at most PAGE_LIMIT minutes whose {@code limit}
     * is the window's length: the same rows on every market (COIN-M returns the newest {@code limit} before
     * endTime), and a short fill or a quiet stream's confirmation costs futures weight 1, not 5.
     */
    private Future<Void> fetchPage(KlineStream s, long token, long from, long to, TreeMap<Long, Candle> rows) {
        long pageEnd = Math.min(to, from + PAGE_LIMIT * Interval.M1.millis());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("symbol", s.instrument.symbol());
        query.put("interval", Interval.M1.code());
        query.put("startTime", Long.toString(from));
        query.put("endTime", Long.toString(pageEnd - 1));
        int limit = (int) Math.max(1, -Math.floorDiv(from - pageEnd, Interval.M1.millis()));
        query.put("limit", Integer.toString(limit));
        return restApi.get(restApi.klinesPath(), query, RestGate.klinesWeight(market, limit), () -> current(s, token))
                .compose(body -> {
                    List<Candle> page;
                    try {
                        page = BinanceRestKline.parse(
                                body,
                                s.instrument,
                                Interval.M1,
                                e -> badInput.record(e, "REST klines " + s.instrument));
                    } catch (BadInputException e) {
                        badInput.record(e, new String(body, StandardCharsets.UTF_8));
                        return Future.failedFuture(
                                new RestException(200, 0, "unusable klines body: " + e.getMessage()));
                    }
                    for (Candle c : page) {
                        if (c.openTime() >= from && c.openTime() < pageEnd) {
                            rows.putIfAbsent(c.openTime(), c);
                        }
                    }
                    return pageEnd < to ? fetchPage(s, token, pageEnd, to, rows) : Future.succeededFuture();
                });
    }

    /**
     * A confirmed minute with trades that the websocket never showed (opened after the connection and
     * after the stream's last kline) is evidence the connection's streams are stuck: the connection is
     * replaced once it has also delivered no message for the stall timeout ({@link Liveness}).
     */
    private void noticeMissedTrades(KlineStream s, List<Candle> rows) {
        BinanceConnection c = s.connection;
        if (c == null || !c.isOpen()) {
            return;
        }
        for (Candle row : rows) {
            if (row.tradeCount() > 0 && row.openTime() >= c.connectedAt() && row.openTime() > s.lastKlineOpen) {
                missedTrades++;
                c.missedTradesAt = clock.millis();
                LOG.info(
                        "{}: REST shows {} trades of {} at {} that connection {} did not push",
                        component,
                        row.tradeCount(),
                        s.instrument.symbol(),
                        row.openTime(),
                        c.id);
                return;
            }
        }
    }

    private void finishFill(KlineStream s, long token, List<Candle> rows, long from, long to, boolean warmup) {
        if (s.removed || token != s.fillToken) {
            return;
        }
        for (Candle row : rows) {
            owner.deliver(s, row);
        }
        restRows += rows.size();
        if (to > s.coveredUntil) {
            s.coveredUntil = to;
        }
        if (s.confirming) {
            noticeMissedTrades(s, rows);
        } else if (!warmup) {
            gapsFilled++;
            s.gapsFilled++;
            LOG.info(
                    "{}: filled {} from REST: {} klines from {} to {}", component, s.instrument, rows.size(), from, to);
        }
        s.filling = false;
        s.fillingGap = false;
        s.confirming = false;
        List<Candle> held = new ArrayList<>(s.buffer);
        s.buffer.clear();
        for (Candle kline : held) {
            owner.replay(s, kline);
        }
    }
}
