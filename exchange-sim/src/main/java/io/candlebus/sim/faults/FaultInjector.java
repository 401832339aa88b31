package io.candlebus.sim.faults;

import io.candlebus.contract.Market;
import io.candlebus.sim.SimClock;
import io.candlebus.sim.binance.BinanceStreamServer;
import io.candlebus.sim.upbit.UpbitRateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires a {@link FaultSchedule} plan through the simulator's {@link Faults} at its sim times and undoes the
 * lasting switches (a lowered weight limit, a shortened connection lifetime) when their time is up. All its
 * state lives on one Vert.x context.
 */
public final class FaultInjector {
    private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);
    /** Weight per sim minute while a 429 fault lasts: two spot klines requests, one futures request. */
    public static final int LOW_WEIGHT_LIMIT = 5;
    /** Upbit's quotation requests per sim second while a 429 fault lasts (10 on the venue). */
    public static final int LOW_UPBIT_LIMIT = 1;
    /** How many lifetimes a shortened lifetime stays in force, so the reopened connections are cut. */
    public static final int LIFETIME_WINDOWS = 3;

    private final Faults faults;
    private final SimClock clock;
    private final SimTimers timers;
    private final Map<FaultKind, Long> fired = new EnumMap<>(FaultKind.class);
    private final Map<BadInput, Long> firedBadInputs = new EnumMap<>(BadInput.class);
    private final Map<Market, Long> limitedUntil = new EnumMap<>(Market.class);
    private long upbitLimitedUntil = Long.MIN_VALUE;
    private long lifetimeCutUntil = Long.MIN_VALUE;
    private boolean stopped;

    /** Creates an injector firing through {@code faults} on a context of {@code vertx}, timed by {@code clock}. */
    public FaultInjector(Vertx vertx, Faults faults, SimClock clock) {
        this.faults = faults;
        this.clock = clock;
        this.timers = new SimTimers(vertx, clock);
    }

    /** Schedules every fault of {@code plan} at {@code startMillis} + its offset, in sim time. */
    public Future<Void> start(List<PlannedFault> plan, long startMillis) {
        return timers.onContext(() -> {
            for (PlannedFault fault : plan) {
                timers.at(startMillis + fault.atMillis(), () -> fire(fault));
            }
        });
    }

    /** Cancels what has not fired and restores the venue's weight limits and connection lifetime. */
    public Future<Void> stop() {
        return timers.onContext(() -> {
            stopped = true;
            timers.cancelAll();
            for (Market m : limitedUntil.keySet()) {
                faults.restWeightLimit(m, publishedWeightLimit(m));
            }
            limitedUntil.clear();
            faults.upbitRestLimit(UpbitRateLimiter.QUOTATION_PER_SECOND);
            faults.binanceConnectionLifetime(BinanceStreamServer.DEFAULT_LIFETIME_MILLIS);
        });
    }

    /** Returns how many faults of each kind have fired. */
    public Future<Map<FaultKind, Long>> fired() {
        return timers.read(() -> new EnumMap<>(fired));
    }

    /** Returns how many {@link FaultKind#BAD_INPUT} faults of each bad-input kind have fired. */
    public Future<Map<BadInput, Long>> firedBadInputs() {
        return timers.read(() -> new EnumMap<>(firedBadInputs));
    }

    private void fire(PlannedFault fault) {
        if (stopped) {
            return;
        }
        fired.merge(fault.kind(), 1L, Long::sum);
        if (fault.badInput() != null) {
            firedBadInputs.merge(fault.badInput(), 1L, Long::sum);
        }
        log.info("fault {} for {} ms (sim) {}", fault.kind().label(), fault.durationMillis(), fault);
        long d = fault.durationMillis();
        Future<Void> done =
                switch (fault.kind()) {
                    case DROP -> faults.dropConnections();
                    case STALL -> faults.stallStreams(d);
                    case GARBAGE -> faults.sendGarbageFrame();
                    case BAD_INPUT -> faults.sendBadInput(fault.badInput());
                    case OVERSIZED -> faults.sendBadInput(BadInput.OVERSIZED);
                    case WEIGHT_LIMIT -> limitWeight(fault.market(), d);
                    case BAN -> {
                        // A plan names a Binance market; Upbit's REST is blocked for the same time.
                        faults.restBan(fault.market(), d);
                        faults.upbitRestBan(d);
                        yield Future.succeededFuture();
                    }
                    case SERVER_SHUTDOWN -> faults.serverShutdown(d);
                    case LIFETIME_CUT -> cutLifetime(d);
                    case REST_OUTAGE -> {
                        faults.restOutage(d);
                        yield Future.succeededFuture();
                    }
                };
        done.onFailure(e -> log.warn("fault {} failed: {}", fault, e.toString()));
    }

    private Future<Void> limitWeight(Market market, long millis) {
        long until = clock.millis() + millis;
        limitedUntil.merge(market, until, Math::max);
        faults.restWeightLimit(market, LOW_WEIGHT_LIMIT);
        // A plan names a Binance market; Upbit's per-second limit is lowered for the same time.
        upbitLimitedUntil = Math.max(upbitLimitedUntil, until);
        faults.upbitRestLimit(LOW_UPBIT_LIMIT);
        timers.at(until, () -> {
            Long latest = limitedUntil.get(market);
            if (!stopped && latest != null && clock.millis() >= latest) {
                limitedUntil.remove(market);
                faults.restWeightLimit(market, publishedWeightLimit(market));
            }
            if (!stopped && clock.millis() >= upbitLimitedUntil) {
                faults.upbitRestLimit(UpbitRateLimiter.QUOTATION_PER_SECOND);
            }
        });
        return Future.succeededFuture();
    }

    private Future<Void> cutLifetime(long lifetimeMillis) {
        long until = clock.millis() + LIFETIME_WINDOWS * lifetimeMillis;
        lifetimeCutUntil = Math.max(lifetimeCutUntil, until);
        timers.at(until, () -> {
            if (!stopped && clock.millis() >= lifetimeCutUntil) {
                faults.binanceConnectionLifetime(BinanceStreamServer.DEFAULT_LIFETIME_MILLIS);
            }
        });
        // The lifetime applies to connections opened from now on: reopen them so the cut comes within the window.
        return faults.binanceConnectionLifetime(lifetimeMillis).compose(v -> faults.dropBinanceConnections());
    }

    /** Binance's published REST weight per minute (what the simulator starts with): 6000 spot, 2400 futures. */
    public static int publishedWeightLimit(Market market) {
        return market == Market.SPOT ? 6_000 : 2_400;
    }
}
