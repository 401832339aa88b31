package io.candlebus.market.venue;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.candlebus.market.SymbolDirectory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The Bithumb feed's gate in front of its subscription: codes wait here until the market list
 * ({@code /v1/market/all}) has been asked once, and a code the list lacks stays here as unknown (logged
 * once, shown as {@code unknown}) instead of joining the subscription, so it never costs the other codes
 * a handover. A code the list later carries is released to the feed.
 */
final class CodeCheck {
    private final SymbolDirectory markets;
    private final Logger log;
    private final String component;
    /** Codes added before the market list was asked for. */
    private final Map<String, Instrument> pending = new TreeMap<>();
    /** Codes the market list lacks. */
    private final Map<String, Instrument> unknown = new TreeMap<>();

    private final Set<String> reported = new HashSet<>();
    private long versionSeen;
    /** Whether the market list was asked for since the start. */
    private boolean asked;

    CodeCheck(SymbolDirectory markets, Logger log, String component) {
        this.markets = markets;
        this.log = log;
        this.component = component;
    }

    SymbolDirectory markets() {
        return markets;
    }

    /**
     * Asks the market list once (later calls do nothing); when it is in, unless {@code stopped} by then, hands
     * every code that waited for it to {@code admitted} and runs {@code then}.
     */
    void askOnce(BooleanSupplier stopped, Consumer<Instrument> admitted, Runnable then) {
        if (asked) {
            return;
        }
        asked = true;
        markets.ready().onComplete(v -> {
            if (stopped.getAsBoolean()) {
                return;
            }
            if (markets.size() < 0) {
                log.warn(
                        "{}: could not load the market list ({}); following codes unchecked",
                        component,
                        markets.lastError());
            }
            release().forEach(admitted);
            then.run();
        });
    }

    /** Returns whether {@code code} is held here (pending or unknown). */
    boolean holds(String code) {
        return pending.containsKey(code) || unknown.containsKey(code);
    }

    /**
     * Returns true if {@code instrument} may join the subscription now; otherwise it is held here
     * (pending until the list was asked for, or unknown).
     */
    boolean admit(Instrument instrument) {
        if (!markets.attempted()) {
            pending.put(instrument.symbol(), instrument);
            return false;
        }
        if (markets.verdict(instrument.symbol()) == SymbolDirectory.Verdict.UNKNOWN) {
            unknown.put(instrument.symbol(), instrument);
            if (reported.add(instrument.symbol())) {
                log.warn(
                        "{}: market {} is not listed in /v1/market/all; not subscribed, status 'unknown'",
                        component,
                        instrument.symbol());
            }
            return false;
        }
        return true;
    }

    /** Forgets {@code code}; returns whether it was held here. */
    boolean remove(String code) {
        return pending.remove(code) != null | unknown.remove(code) != null;
    }

    /**
     * Returns the held codes that may join now: every pending one once the list was asked for (those it
     * lacks move to unknown), and unknown ones the list now carries.
     */
    List<Instrument> release() {
        List<Instrument> out = new ArrayList<>();
        if (!markets.attempted()) {
            return out;
        }
        List<Instrument> waiting = new ArrayList<>(pending.values());
        pending.clear();
        for (Instrument i : waiting) {
            if (admit(i)) {
                out.add(i);
            }
        }
        if (markets.version() != versionSeen) {
            versionSeen = markets.version();
            for (Instrument i : List.copyOf(unknown.values())) {
                if (markets.verdict(i.symbol()) != SymbolDirectory.Verdict.UNKNOWN) {
                    unknown.remove(i.symbol());
                    reported.remove(i.symbol());
                    log.info("{}: market {} is now listed; subscribing it", component, i.symbol());
                    out.add(i);
                }
            }
        }
        return out;
    }

    /** Returns the held instruments (they are followed, though not subscribed). */
    List<Instrument> instruments() {
        List<Instrument> out = new ArrayList<>(pending.values());
        out.addAll(unknown.values());
        return out;
    }

    long unknownCount() {
        return unknown.size();
    }

    /** Returns the status of every held code: connecting while pending, unknown when not listed. */
    List<StreamStatus> statuses(long restUsed) {
        List<StreamStatus> out = new ArrayList<>();
        for (Instrument i : pending.values()) {
            out.add(new StreamStatus(i, StreamState.CONNECTING, 0, 0, 0, 0, restUsed, 0));
        }
        for (Instrument i : unknown.values()) {
            out.add(new StreamStatus(i, StreamState.UNKNOWN, 0, 0, 0, 0, restUsed, 0));
        }
        return out;
    }
}
