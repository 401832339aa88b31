package io.candlebus.market;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.StreamStatus;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A venue feed owned by its feed verticle, running on that verticle's event loop. */
public interface Feed {
    /** Returns the heartbeat component name, e.g. {@code market.binance.spot}. */
    String component();

    /** Returns the {@code exchange:market} keys of the instruments this feed carries. */
    Set<String> feedKeys();

    /** Starts following the instruments it has; returns at once (connection happens in the background). */
    void start();

    /** Closes the connection and stops retrying. */
    Future<Void> stop();

    /** Follows {@code instrument} from now on (warm-up included). */
    void add(Instrument instrument);

    /**
     * Returns whether the venue lists {@code instrument}, asking it again if its list lacks the symbol and
     * was not asked recently; {@link SymbolDirectory.Verdict#UNCHECKED} when the list cannot be had.
     */
    default Future<SymbolDirectory.Verdict> check(Instrument instrument) {
        return Future.succeededFuture(SymbolDirectory.Verdict.UNCHECKED);
    }

    /** Stops following {@code instrument}. */
    void remove(Instrument instrument);

    /**
     * Re-covers the given instruments from REST as after a reconnect (a candle shard lost one of this feed's
     * events): each is suspended where it is trade-built, and its closed minutes from the open time given on
     * ({@code Long.MIN_VALUE}: from the warm-up) are sent again; the aggregator drops what it already closed.
     * Instruments not followed are skipped.
     */
    void recover(Map<Instrument, Long> fromOpenTime);

    /** Returns the instruments followed. */
    Set<Instrument> instruments();

    /** Called every tick with the clock time: keepalives, subscription changes, scheduled REST. */
    void tick(long now);

    /** Returns the heartbeat state ({@code live}, {@code connecting}, ...). */
    String state();

    /** Returns the status of each followed stream for the heartbeat; none by default. */
    default List<StreamStatus> streams() {
        return List.of();
    }

    /** Returns the heartbeat counters. */
    Map<String, Long> counters();

    /** Returns the clock time of the last message handled, 0 if none. */
    long lastEventTime();

    /**
     * Returns the clock time up to which the feed's connection is known alive (the last message, or the
     * connection's start), {@code Long.MIN_VALUE} while it has none: candles of its trades are not closed
     * by the clock beyond it.
     */
    long aliveUntil();
}
