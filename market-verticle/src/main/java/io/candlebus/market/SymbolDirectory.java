package io.candlebus.market;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The symbols one venue market lists (Binance {@code exchangeInfo}, Bithumb {@code /v1/market/all}),
 * loaded once before the feed subscribes anything and refreshed rarely, so that a misspelt or delisted
 * symbol is never subscribed. Until a load succeeds every symbol is {@link Verdict#UNCHECKED} (followed,
 * and the venue's own answer is watched instead). A symbol the list lacks triggers at most one early
 * reload per {@code recheckMillis}, so a newly listed one is found without asking on every request.
 * Runs on the feed's event loop.
 */
public final class SymbolDirectory {
    /** What the directory says about one symbol. */
    public enum Verdict {
        /** The venue lists it. */
        KNOWN,
        /** The venue's list, loaded, does not have it. */
        UNKNOWN,
        /** No list could be loaded yet: follow it and let the venue's answers tell. */
        UNCHECKED
    }

    private final Supplier<Future<Set<String>>> loader;
    private final Clock clock;
    private final long refreshMillis;
    private final long recheckMillis;
    private Set<String> known;
    private long loadedAt = Long.MIN_VALUE;
    private long attemptedAt = Long.MIN_VALUE;
    private Future<Void> loading;
    /** Set once the first load has finished: later reloads in flight do not make the list unasked again. */
    private boolean firstLoadDone;

    private long loads;
    private long failures;
    private long version;
    private String lastError = "";

    /**
     * Creates a directory; {@code loader} fetches the venue's list (it fails when the venue does not
     * answer). The list is reloaded every {@code refreshMillis} of clock time, and early (after a
     * lookup of a symbol it lacks, or a failed load) at most every {@code recheckMillis}.
     */
    public SymbolDirectory(Supplier<Future<Set<String>>> loader, Clock clock, long refreshMillis, long recheckMillis) {
        this.loader = loader;
        this.clock = clock;
        this.refreshMillis = refreshMillis;
        this.recheckMillis = recheckMillis;
    }

    /** Returns the verdict on {@code symbol} from what is loaded now. */
    public Verdict verdict(String symbol) {
        if (known == null) {
            return Verdict.UNCHECKED;
        }
        return known.contains(symbol) ? Verdict.KNOWN : Verdict.UNKNOWN;
    }

    /**
     * Returns whether a first load has finished (successfully or not). It stays true while a later reload is in
     * flight: a feed waiting on it would otherwise skip a reconnect or a new stream during every reload.
     */
    public boolean attempted() {
        return firstLoadDone;
    }

    /**
     * Completes (never fails) once a first load has been attempted: the feed subscribes nothing before,
     * so a misspelt configured symbol never reaches the venue when the list can be had.
     */
    public Future<Void> ready() {
        if (attempted()) {
            return Future.succeededFuture();
        }
        return load();
    }

    /**
     * Returns the verdict on {@code symbol}, reloading the list first if it lacks the symbol and was not
     * loaded within {@code recheckMillis} (a newly listed symbol), or was never loaded.
     */
    public Future<Verdict> check(String symbol) {
        Verdict now = verdict(symbol);
        if (now == Verdict.KNOWN || !dueEarly(clock.millis())) {
            return Future.succeededFuture(now);
        }
        return load().map(v -> verdict(symbol));
    }

    /** Reloads the list when it is due: every {@code refreshMillis}, or after a failure every recheck. */
    public void tick(long now) {
        if (loading != null || attemptedAt == Long.MIN_VALUE) {
            return;
        }
        // A failed refresh keeps the old list and is retried at the recheck pace, not on every tick.
        boolean stale = known != null && now - loadedAt >= refreshMillis && now - attemptedAt >= recheckMillis;
        boolean retry = known == null && now - attemptedAt >= recheckMillis;
        if (stale || retry) {
            load();
        }
    }

    /** Changes each time a load brings a new list: the feed then reconciles its streams with it. */
    public long version() {
        return version;
    }

    /** Returns the number of symbols listed, -1 if no list was loaded. */
    public int size() {
        return known == null ? -1 : known.size();
    }

    public long loads() {
        return loads;
    }

    public long failures() {
        return failures;
    }

    /** Returns why the last load failed, empty if it did not. */
    public String lastError() {
        return lastError;
    }

    private boolean dueEarly(long now) {
        return loading != null || attemptedAt == Long.MIN_VALUE || now - attemptedAt >= recheckMillis;
    }

    private Future<Void> load() {
        if (loading != null) {
            return loading;
        }
        Promise<Void> done = Promise.promise();
        Future<Void> result = done.future();
        loading = result;
        attemptedAt = clock.millis();
        loads++;
        loader.get().onComplete(ar -> {
            if (ar.succeeded()) {
                Set<String> next = Set.copyOf(new HashSet<>(ar.result()));
                if (!next.equals(known)) {
                    version++;
                }
                known = next;
                loadedAt = clock.millis();
                lastError = "";
            } else {
                failures++;
                lastError = String.valueOf(ar.cause().getMessage());
            }
            loading = null;
            firstLoadDone = true;
            done.complete();
        });
        return result;
    }
}
