package io.candlebus.market.binance;

import io.candlebus.market.BadInputCounter;
import io.candlebus.market.BadInputException;
import io.candlebus.market.RestException;
import io.candlebus.market.SymbolDirectory;
import io.candlebus.market.SymbolLists;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The symbols one Binance market lists, from its {@code exchangeInfo} (weight charged to the market's
 * gate), for the feed to decide which streams to subscribe: loaded before anything is subscribed, hourly
 * after, and early (at most once a clock minute) when a symbol it lacks is asked about. Reports each
 * unknown symbol once in the log.
 */
final class BinanceSymbols {
    /** The feed's logger: an unknown symbol is the feed's news, where operators look for it. */
    private static final Logger LOG = LoggerFactory.getLogger(BinanceFeed.class);
    /** Clock time between two loads of the symbol list. */
    private static final long REFRESH_MILLIS = 3_600_000L;
    /** Clock time before the symbol list is asked again early (a failed load, an unlisted symbol). */
    private static final long RECHECK_MILLIS = 60_000L;

    /** Streams a new list changes: now listed (to subscribe) and never heard of and now unlisted (to drop). */
    record Changes(List<KlineStream> listed, List<KlineStream> unlisted) {}

    private final BinanceRest restApi;
    private final BadInputCounter badInput;
    private final BooleanSupplier stopped;
    private final String component;
    private final SymbolDirectory directory;
    private final Set<String> reported = new HashSet<>();
    private long versionSeen;

    BinanceSymbols(
            BinanceRest restApi, BadInputCounter badInput, Clock clock, BooleanSupplier stopped, String component) {
        this.restApi = restApi;
        this.badInput = badInput;
        this.stopped = stopped;
        this.component = component;
        this.directory = new SymbolDirectory(this::load, clock, REFRESH_MILLIS, RECHECK_MILLIS);
    }

    private Future<Set<String>> load() {
        return restApi.get(
                        restApi.exchangeInfoPath(),
                        Map.of(),
                        restApi.exchangeInfoWeight(),
                        () -> !stopped.getAsBoolean())
                .compose(body -> {
                    try {
                        return Future.succeededFuture(SymbolLists.binanceExchangeInfo(body));
                    } catch (BadInputException e) {
                        badInput.record(e, "exchangeInfo");
                        return Future.failedFuture(
                                new RestException(200, 0, "unusable exchangeInfo body: " + e.getMessage()));
                    }
                });
    }

    /** Completes once the list has been asked for (loaded or not; a failure is logged). */
    Future<Void> ready() {
        return directory.ready().map(v -> {
            // A load cut short by our own stop (the simulator or the connection closing) is no finding.
            if (directory.size() < 0 && !stopped.getAsBoolean()) {
                LOG.warn(
                        "{}: could not load the venue's symbol list ({}); following symbols unchecked",
                        component,
                        directory.lastError());
            }
            versionSeen = directory.version();
            return null;
        });
    }

    boolean attempted() {
        return directory.attempted();
    }

    /** Returns whether the loaded list lacks {@code symbol} (false while no list is loaded). */
    boolean unlisted(String symbol) {
        return directory.verdict(symbol) == SymbolDirectory.Verdict.UNKNOWN;
    }

    Future<SymbolDirectory.Verdict> check(String symbol) {
        return directory.check(symbol);
    }

    void tick(long now) {
        directory.tick(now);
    }

    /** Returns what the list is: the exchangeInfo path, for log lines. */
    String source() {
        return restApi.exchangeInfoPath();
    }

    /** Logs {@code symbol} as unknown, once until it is listed again. */
    void reportUnknown(String symbol, String reason) {
        if (reported.add(symbol)) {
            LOG.warn(
                    "{}: symbol {} is unknown to the venue ({}); not subscribed, status 'unknown'",
                    component,
                    symbol,
                    reason);
        }
    }

    /**
     * Returns the streams a list loaded since the last call changes: an unknown one now listed, and one
     * that never delivered and is now unlisted (one that delivered once is kept: a delisting shows as stale).
     */
    Changes changes(Collection<KlineStream> streams) {
        if (directory.version() == versionSeen || !directory.attempted()) {
            return new Changes(List.of(), List.of());
        }
        versionSeen = directory.version();
        List<KlineStream> listed = new ArrayList<>();
        List<KlineStream> unlisted = new ArrayList<>();
        for (KlineStream s : streams) {
            SymbolDirectory.Verdict verdict = directory.verdict(s.instrument.symbol());
            if (s.unknown && verdict == SymbolDirectory.Verdict.KNOWN) {
                LOG.info("{}: symbol {} is now listed; subscribing it", component, s.instrument.symbol());
                reported.remove(s.instrument.symbol());
                listed.add(s);
            } else if (!s.unknown
                    && !s.checking
                    && verdict == SymbolDirectory.Verdict.UNKNOWN
                    && s.lastMessageTime == 0) {
                unlisted.add(s);
            }
        }
        return new Changes(listed, unlisted);
    }

    long loads() {
        return directory.loads();
    }

    long failures() {
        return directory.failures();
    }
}
