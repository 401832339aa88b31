package io.candlebus.order.live;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.order.AssetBalance;
import io.candlebus.order.Broker;
import io.candlebus.order.journal.JournalEntry;
import io.candlebus.order.journal.OrderJournalFile;
import io.candlebus.order.journal.OrderState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places orders at a real venue (through {@link VenueOrders}) so that an intent becomes at most one order.
 * The intent is journaled and forced to disk (through {@code executeBlocking}) before the request leaves.
 * A clear answer is journaled as the venue's state or as REJECTED with the venue's error. An unclear one
 * (timeout, reset, 5xx, 429, unreadable) is never resent: the order is looked up by client order id,
 * retrying "not found" every {@code lookupBackoffMillis} until {@code lookupDeadlineMillis}; still not
 * found then, it was not placed (REJECTED). If the lookups themselves stay unclear, so does the outcome:
 * the future fails and the intent stays PENDING for {@link #reconcile()}.
 *
 * <p>Runs on one event loop. {@link #poll()} follows accepted orders to their final state. The position
 * (for risk checks) starts from the fills the journal holds for this venue and moves with every fill journaled;
 * on a futures market, {@link #venuePositions} with {@code adopt} (at reconcile) replaces it with the venue's.
 * The journal writes, the position and the events are kept by its {@link LiveLedger}.
 */
public final class LiveBroker implements Broker {
    private static final Logger log = LoggerFactory.getLogger(LiveBroker.class);
    private final Vertx vertx;
    private final Settings settings;
    private final VenueOrders venue;
    private final OrderJournalFile journal;
    private final Clock clock;
    private final LiveLedger ledger;
    /** Intents whose submit has not completed: {@link #settleUnknown()} leaves them to it. */
    private final Set<String> submitting = new HashSet<>();

    /**
     * How patient the broker is.
     *
     * @param orderTimeoutMillis how long an order request may take before its outcome counts as unclear
     * @param lookupTimeoutMillis how long one lookup may take
     * @param lookupDeadlineMillis how long an unclear outcome is looked up before deciding
     * @param lookupBackoffMillis the pause between lookups
     */
    public record Settings(
            long orderTimeoutMillis, long lookupTimeoutMillis, long lookupDeadlineMillis, long lookupBackoffMillis) {
        public Settings {
            if (orderTimeoutMillis < 1
                    || lookupTimeoutMillis < 1
                    || lookupDeadlineMillis < 0
                    || lookupBackoffMillis < 1) {
                throw new IllegalArgumentException("settings: expected orderTimeoutMillis >= 1, lookupTimeoutMillis"
                        + " >= 1, lookupDeadlineMillis >= 0, lookupBackoffMillis >= 1");
            }
        }
    }

    /** Creates a broker for {@code venue}; {@code journal} must be used by nothing else. */
    public LiveBroker(Vertx vertx, Settings settings, VenueOrders venue, OrderJournalFile journal, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.venue = Objects.requireNonNull(venue, "venue");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledger = new LiveLedger(vertx, journal, clock, this::handles);
    }

    @Override
    public Future<OrderEvent> submit(OrderRequest request) {
        try {
            venue.validate(request);
        } catch (IllegalArgumentException e) {
            // Nothing can be sent, so nothing is journaled.
            return Future.succeededFuture(
                    ledger.event(request, OrderStatus.REJECTED, null, BigDecimal.ZERO, e.getMessage()));
        }
        String id = request.clientOrderId();
        submitting.add(id);
        return vertx.executeBlocking(() -> journal.recordIntent(request, clock.millis()))
                .compose(intent -> venue.place(request, settings.orderTimeoutMillis()))
                .compose(reply -> answered(request, reply))
                .onComplete(done -> submitting.remove(id));
    }

    /** Journals a clear answer to the order; an unclear one is resolved by lookups, never by resending. */
    private Future<OrderEvent> answered(OrderRequest request, VenueOrders.Reply reply) {
        if (reply instanceof VenueOrders.Known k) {
            return ledger.record(
                    request, k.state(), k.exchangeOrderId(), k.filledQuantity(), "accepted by " + venue.venue());
        }
        if (reply instanceof VenueOrders.Rejected r) {
            return ledger.record(request, OrderState.REJECTED, null, BigDecimal.ZERO, venue.venue() + " " + r.reason());
        }
        log.info(
                "order {}: unclear answer from {} ({}); looking it up by client order id",
                request.clientOrderId(),
                venue.venue(),
                ((VenueOrders.Unclear) reply).detail());
        return resolve(request, deadline());
    }

    /**
     * Looks up, one after the other, every journaled intent not in a final state (after a restart: the node
     * may have died between journaling and sending, or before the answer) and journals what the venue says.
     * Must complete before any new order is placed.
     */
    public Future<List<OrderEvent>> reconcile() {
        List<OrderEvent> out = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (JournalEntry entry : journal.openEntries()) {
            if (!handles(entry)) {
                continue;
            }
            chain = chain.compose(v -> resolve(entry.request(), deadline()).map(e -> {
                out.add(e);
                return null;
            }));
        }
        return chain.map(v -> out);
    }

    /**
     * Looks up, one after the other, the journaled orders the venue holds open (NEW or PARTIALLY_FILLED;
     * PENDING ones are being resolved) and journals every change: more filled, or a final state. Returns
     * the events of the orders that changed; the caller runs it on a timer until they are final.
     */
    public Future<List<OrderEvent>> poll() {
        List<OrderEvent> out = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (JournalEntry entry : journal.openEntries()) {
            if (entry.state() == OrderState.PENDING || !handles(entry)) {
                continue;
            }
            chain = chain.compose(v -> venue.lookup(entry.request(), settings.lookupTimeoutMillis())
                    .compose(reply -> {
                        if (reply instanceof VenueOrders.Known k
                                && (k.state() != entry.state()
                                        || k.filledQuantity().compareTo(entry.filledQuantity()) != 0)
                                && entry.state().canMoveTo(k.state())) {
                            return ledger.record(
                                            entry.request(),
                                            k.state(),
                                            k.exchangeOrderId(),
                                            k.filledQuantity(),
                                            venue.venue() + " reports " + k.state())
                                    .map(e -> {
                                        out.add(e);
                                        return null;
                                    });
                        }
                        // Not found, unclear or unchanged: the next poll asks again.
                        return Future.<Void>succeededFuture();
                    }));
        }
        return chain.map(v -> out);
    }

    /**
     * Cancels, one after the other, the journaled orders the venue holds open (NEW or PARTIALLY_FILLED), for
     * the kill switch: each is cancelled by client order id, then looked up, and its final state (CANCELED,
     * or FILLED if it filled first) journaled. A cancel or lookup with an unclear answer leaves the order as
     * it is; the caller runs this again on its timer while the switch stays tripped. PENDING intents are
     * being resolved: once the venue knows them, a later run cancels them. Returns the events of the orders
     * that changed.
     */
    public Future<List<OrderEvent>> cancelOpen() {
        List<OrderEvent> out = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (JournalEntry entry : journal.openEntries()) {
            if (entry.state() == OrderState.PENDING || !handles(entry)) {
                continue;
            }
            chain = chain.compose(v -> cancelEntry(entry, "by the kill switch").map(changed -> {
                changed.ifPresent(out::add);
                return (Void) null;
            }));
        }
        return chain.map(v -> out);
    }

    /**
     * Cancels {@code entry}'s order by client order id, then looks it up and journals its state if it changed
     * (CANCELED, or FILLED if it filled first). Empty when nothing changed or an answer was unclear.
     */
    private Future<Optional<OrderEvent>> cancelEntry(JournalEntry entry, String why) {
        return venue.cancel(entry.request(), settings.lookupTimeoutMillis())
                .compose(cancelled -> cancelled instanceof VenueOrders.Unclear
                        ? Future.<VenueOrders.Reply>succeededFuture(cancelled)
                        : venue.lookup(entry.request(), settings.lookupTimeoutMillis()))
                .compose(reply -> {
                    if (reply instanceof VenueOrders.Known k
                            && k.state() != entry.state()
                            && entry.state().canMoveTo(k.state())) {
                        String reason = k.state() == OrderState.CANCELED
                                ? "cancelled at " + venue.venue() + " " + why
                                : venue.venue() + " reports " + k.state();
                        return ledger.record(
                                        entry.request(), k.state(), k.exchangeOrderId(), k.filledQuantity(), reason)
                                .map(Optional::of);
                    }
                    return Future.succeededFuture(Optional.<OrderEvent>empty());
                });
    }

    /**
     * Cancels one order of this venue by client order id: a final order answers its journaled state at once; an
     * open one is cancelled and looked up. Fails for an id this venue's journal does not hold, an intent whose
     * outcome is still being resolved, and a cancel or lookup whose answer leaves the order open or unclear.
     */
    @Override
    public Future<OrderEvent> cancel(String clientOrderId) {
        Optional<JournalEntry> found = journal.find(clientOrderId).filter(this::handles);
        if (found.isEmpty()) {
            return Future.failedFuture(venue.venue() + ": no order with client order id " + clientOrderId);
        }
        JournalEntry entry = found.get();
        if (entry.state() == OrderState.PENDING) {
            return Future.failedFuture(venue.venue() + ": the outcome of order " + clientOrderId
                    + " is still being looked up; cancel again once it is known");
        }
        if (entry.state().isFinal()) {
            return Future.succeededFuture(ledger.journaledEvent(entry));
        }
        return cancelEntry(entry, "on request").compose(changed -> {
            JournalEntry now = journal.find(clientOrderId).orElseThrow();
            return now.state().isFinal()
                    ? Future.succeededFuture(changed.orElseGet(() -> ledger.journaledEvent(now)))
                    : Future.failedFuture(venue.venue() + ": the cancel of order " + clientOrderId
                            + " got no clear answer; it is still " + now.state() + ", retry");
        });
    }

    /** Fetches this venue market's balances. */
    @Override
    public Future<List<AssetBalance>> balances() {
        return venue.balances(settings.lookupTimeoutMillis());
    }

    /**
     * Reads what the venue says of this market's positions (see {@link VenuePositionReader}) for {@code
     * instruments}. With {@code adopt}, a futures market's positions become this broker's: the venue's word wins
     * over the journal's fills (fills from elsewhere, or lost). A spot position is never replaced: the balance
     * counts holdings candlebus did not buy, and the risk limit is about what candlebus bought.
     */
    public Future<Map<Instrument, BigDecimal>> venuePositions(Collection<Instrument> instruments, boolean adopt) {
        return VenuePositionReader.read(venue, settings.lookupTimeoutMillis(), instruments, futures -> {
            if (adopt) {
                ledger.adopt(futures);
            }
        });
    }

    /**
     * Looks up, once each, the intents a submit left PENDING (its lookups stayed unclear until the deadline,
     * so it failed) and journals what the venue says now: found, its state; not found, not placed (the
     * intent has been looked for during the whole lookup deadline already). Still unclear: it stays PENDING
     * for the next call. Intents being submitted are left alone. The caller runs it on a timer, so an order
     * sent during an outage is settled when the venue answers again, not only at the next start.
     */
    public Future<List<OrderEvent>> settleUnknown() {
        List<OrderEvent> out = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (JournalEntry entry : journal.openEntries()) {
            if (entry.state() != OrderState.PENDING || submitting.contains(entry.clientOrderId()) || !handles(entry)) {
                continue;
            }
            chain = chain.compose(v -> resolve(entry.request(), System.nanoTime())
                    .map(e -> {
                        out.add(e);
                        return (Void) null;
                    })
                    .recover(unclear -> Future.succeededFuture()));
        }
        return chain.map(v -> out);
    }

    /** Returns whether the entry is this venue's: a journal shared by several brokers holds others' too. */
    private boolean handles(JournalEntry entry) {
        try {
            venue.validate(entry.request());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Looks the order up by client order id until it is found or the deadline passes. */
    private Future<OrderEvent> resolve(OrderRequest request, long deadlineNanos) {
        return venue.lookup(request, settings.lookupTimeoutMillis()).compose(reply -> {
            if (reply instanceof VenueOrders.Known k) {
                return ledger.record(
                        request,
                        k.state(),
                        k.exchangeOrderId(),
                        k.filledQuantity(),
                        "found at " + venue.venue() + " by client order id");
            }
            if (System.nanoTime() - deadlineNanos < 0) {
                return delay(settings.lookupBackoffMillis()).compose(v -> resolve(request, deadlineNanos));
            }
            if (reply instanceof VenueOrders.NotFound) {
                return ledger.record(
                        request,
                        OrderState.REJECTED,
                        null,
                        BigDecimal.ZERO,
                        "not placed: " + venue.venue() + " did not know the order after "
                                + settings.lookupDeadlineMillis() + " ms of lookups");
            }
            return Future.failedFuture(venue.venue() + ": the outcome of order " + request.clientOrderId()
                    + " is unknown after " + settings.lookupDeadlineMillis()
                    + " ms of lookups; it stays PENDING in the journal");
        });
    }

    private long deadline() {
        return System.nanoTime() + settings.lookupDeadlineMillis() * 1_000_000L;
    }

    private Future<Void> delay(long millis) {
        Promise<Void> promise = Promise.promise();
        vertx.setTimer(millis, id -> promise.complete());
        return promise.future();
    }

    @Override
    public BigDecimal position(Instrument instrument) {
        return ledger.position(instrument);
    }

    /** Returns the instruments this broker holds a position in (from the journal, or adopted from the venue). */
    public Set<Instrument> positionInstruments() {
        return ledger.positionInstruments();
    }
}
