package io.candlebus.sim.faults;

import io.candlebus.contract.Market;
import io.candlebus.sim.binance.BinanceStreamServer;
import io.candlebus.sim.binance.WeightLimiter;
import io.candlebus.sim.bithumb.BithumbStreamServer;
import io.candlebus.sim.upbit.UpbitRateLimiter;
import io.candlebus.sim.upbit.UpbitStreamServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;

/**
 * Injects faults into a running simulator: dropped connections, garbage frames, bad messages of every
 * {@link BadInput} kind, oversized frames, stalls, Binance's server shutdown, a shorter Binance
 * connection lifetime, a lower REST weight limit (Binance) or rate limit (Upbit), REST bans and REST outages.
 * Websocket actions run on the simulator's event loop and their futures complete once they are done; the REST
 * switches take effect at once. "Every websocket" means those of Binance, Bithumb and Upbit.
 */
public final class Faults {
    /** Text that is not JSON, sent by {@link #sendGarbageFrame()}. */
    public static final String GARBAGE = "{\"e\":\"kline\",\"E\":garbage";
    /** The size of the frame {@link BadInput#OVERSIZED} sends by default: 1 MiB. */
    public static final int OVERSIZED_BYTES = 1 << 20;
    /**
     * How much older than the last trade sent a {@link BadInput#LATE_TRADE} is, in sim time: its minute closed
     * long before, beyond any client's grace period for late trades.
     */
    public static final long LATE_TRADE_AGE_MILLIS = 5 * 60_000L;

    private final Context context;
    private final Clock clock;
    private final BinanceStreamServer binance;
    private final BithumbStreamServer bithumb;
    private final UpbitStreamServer upbit;
    private final WeightLimiter limiter;
    private final UpbitRateLimiter upbitLimiter;
    private final RestOutage outage;

    /** Creates the fault API over the simulator's parts; the simulator builds it. */
    public Faults(
            Context context,
            Clock clock,
            BinanceStreamServer binance,
            BithumbStreamServer bithumb,
            UpbitStreamServer upbit,
            WeightLimiter limiter,
            UpbitRateLimiter upbitLimiter,
            RestOutage outage) {
        this.context = context;
        this.clock = clock;
        this.binance = binance;
        this.bithumb = bithumb;
        this.upbit = upbit;
        this.limiter = limiter;
        this.upbitLimiter = upbitLimiter;
        this.outage = outage;
    }

    /** Closes every open websocket of every venue. */
    public Future<Void> dropConnections() {
        return onContext(() -> {
            binance.dropConnections();
            bithumb.dropConnections();
            upbit.dropConnections();
        });
    }

    /** Closes every open Binance websocket. */
    public Future<Void> dropBinanceConnections() {
        return onContext(binance::dropConnections);
    }

    /** Closes every open Bithumb websocket. */
    public Future<Void> dropBithumbConnections() {
        return onContext(bithumb::dropConnections);
    }

    /** Closes every open Upbit websocket. */
    public Future<Void> dropUpbitConnections() {
        return onContext(upbit::dropConnections);
    }

    /**
     * Sends a frame that is not valid JSON on every open websocket (text on Binance, binary on Bithumb and Upbit);
     * a stalled link sends nothing.
     */
    public Future<Void> sendGarbageFrame() {
        return onContext(() -> {
            binance.sendToAll(GARBAGE);
            bithumb.sendToAll(GARBAGE);
            upbit.sendToAll(GARBAGE);
        });
    }

    /**
     * Sends one bad message of {@code kind} on every open websocket of the venues it occurs on, next to
     * the real stream (which is not changed and loses nothing); a stalled link sends nothing. An
     * {@link BadInput#OVERSIZED} frame has {@link #OVERSIZED_BYTES}.
     */
    public Future<Void> sendBadInput(BadInput kind) {
        return sendBadInput(kind, OVERSIZED_BYTES);
    }

    /** Sends one bad message of {@code kind} like {@link #sendBadInput(BadInput)}; oversized frames have {@code oversizedBytes}. */
    public Future<Void> sendBadInput(BadInput kind, int oversizedBytes) {
        if (oversizedBytes < 1) {
            throw new IllegalArgumentException("oversizedBytes: expected >= 1, was " + oversizedBytes);
        }
        return onContext(() -> {
            binance.sendBadInput(kind, oversizedBytes);
            bithumb.sendBadInput(kind, oversizedBytes);
            upbit.sendBadInput(kind, oversizedBytes);
        });
    }

    /**
     * Stalls every websocket of every venue for {@code simMillis}: connections stay open but nothing is
     * sent (no data, no pings, no PING answers, no snapshots, no garbage frames) and nothing missed is sent
     * afterwards.
     */
    public Future<Void> stallStreams(long simMillis) {
        return onContext(() -> {
            long until = clock.millis() + simMillis;
            binance.stallUntil(until);
            bithumb.stallUntil(until);
            upbit.stallUntil(until);
        });
    }

    /**
     * Sends Binance's {@code serverShutdown} event on every spot connection and closes them
     * {@code graceSimMillis} of sim time later.
     */
    public Future<Void> serverShutdown(long graceSimMillis) {
        return onContext(() -> binance.serverShutdown(graceSimMillis));
    }

    /** Makes Binance close connections opened from now on after {@code simMillis} of sim time. */
    public Future<Void> binanceConnectionLifetime(long simMillis) {
        return onContext(() -> binance.lifetimeMillis(simMillis));
    }

    /** Sets the REST weight limit per sim minute of a Binance market, e.g. low enough to provoke 429s. */
    public void restWeightLimit(Market market, int limit) {
        limiter.setLimit(market, limit);
    }

    /**
     * Bans the client from a Binance market's REST API for {@code simMillis}: every request to that market
     * is answered HTTP 418 with {@code Retry-After} (whole sim seconds to the ban's end) until it ends.
     */
    public void restBan(Market market, long simMillis) {
        limiter.banUntil(market, clock.millis() + simMillis);
    }

    /**
     * Sets Upbit's quotation REST limit, requests per sim second of each group (10 on the venue), e.g. low
     * enough to provoke 429s; a client that ignores them is blocked (418).
     */
    public void upbitRestLimit(int perSecond) {
        upbitLimiter.setLimit(perSecond);
    }

    /** Blocks the client from Upbit's quotation REST API for {@code simMillis}: every request gets HTTP 418. */
    public void upbitRestBan(long simMillis) {
        upbitLimiter.banUntil(clock.millis() + simMillis);
    }

    /**
     * Makes every REST endpoint of every venue answer HTTP 503, with {@code Retry-After} (whole sim seconds to
     * the outage's end), for {@code simMillis}.
     */
    public void restOutage(long simMillis) {
        outage.until(clock.millis() + simMillis);
    }

    /** Returns how many websockets are open on Upbit. */
    public Future<Integer> openUpbitConnections() {
        Promise<Integer> promise = Promise.promise();
        context.runOnContext(v -> promise.complete(upbit.connectionCount()));
        return promise.future();
    }

    /** Returns how many websockets are open on Binance and Bithumb, {@code [binance, bithumb]}. */
    public Future<int[]> openConnections() {
        Promise<int[]> promise = Promise.promise();
        context.runOnContext(v -> promise.complete(new int[] {binance.connectionCount(), bithumb.connectionCount()}));
        return promise.future();
    }

    private Future<Void> onContext(Runnable action) {
        Promise<Void> promise = Promise.promise();
        context.runOnContext(v -> {
            action.run();
            promise.complete();
        });
        return promise.future();
    }
}
