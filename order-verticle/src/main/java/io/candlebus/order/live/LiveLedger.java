package io.candlebus.order.live;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import io.candlebus.order.journal.JournalEntry;
import io.candlebus.order.journal.OrderJournalFile;
import io.candlebus.order.journal.OrderState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The books of one {@link LiveBroker}: journals each state change of its orders (off the event loop), keeps
 * the positions its journaled fills add up to, and makes the order events of both. It exists so the broker
 * itself only talks to its venue: what the venue answered is written here.
 */
final class LiveLedger {
    private final Vertx vertx;
    private final OrderJournalFile journal;
    private final Clock clock;
    private final Map<Instrument, BigDecimal> positions = new HashMap<>();

    /** Books of the journal's entries {@code handles} accepts (a journal shared by several brokers holds others'). */
    LiveLedger(Vertx vertx, OrderJournalFile journal, Clock clock, Predicate<JournalEntry> handles) {
        this.vertx = vertx;
        this.journal = journal;
        this.clock = clock;
        // After a restart the position starts from what the journal says this venue filled.
        for (JournalEntry entry : journal.entries()) {
            if (handles.test(entry) && entry.filledQuantity().signum() > 0) {
                BigDecimal filled = entry.filledQuantity();
                positions.merge(
                        entry.request().instrument(),
                        entry.request().side() == Side.BUY ? filled : filled.negate(),
                        BigDecimal::add);
            }
        }
    }

    /** Returns the position in {@code instrument}: bought less sold, by the journaled fills. */
    BigDecimal position(Instrument instrument) {
        return positions.getOrDefault(instrument, BigDecimal.ZERO);
    }

    /** Returns the instruments this broker holds a position in (from the journal, or adopted from the venue). */
    Set<Instrument> positionInstruments() {
        return Set.copyOf(positions.keySet());
    }

    /** Replaces the positions with the venue's: its word wins over the journal's fills. */
    void adopt(Map<Instrument, BigDecimal> venuePositions) {
        positions.clear();
        positions.putAll(venuePositions);
    }

    /**
     * Journals {@code request}'s new state (off the event loop), moves the position by what it added to the fill,
     * and returns the state as an event.
     */
    Future<OrderEvent> record(
            OrderRequest request, OrderState state, String exchangeOrderId, BigDecimal filled, String reason) {
        long now = clock.millis();
        String id = request.clientOrderId();
        return vertx.executeBlocking(() -> {
                    BigDecimal before = journal.find(id).orElseThrow().filledQuantity();
                    JournalEntry after = journal.recordState(id, state, exchangeOrderId, filled, reason, now);
                    return new Recorded(after, filled.subtract(before));
                })
                .map(recorded -> {
                    BigDecimal delta = request.side() == Side.BUY
                            ? recorded.fillDelta()
                            : recorded.fillDelta().negate();
                    positions.merge(request.instrument(), delta, BigDecimal::add);
                    return event(request, status(state), recorded.entry().exchangeOrderId(), filled, reason);
                });
    }

    /** A journaled state change and how much it added to the fill. */
    private record Recorded(JournalEntry entry, BigDecimal fillDelta) {}

    /** Returns the journaled state of {@code entry} as an event. */
    OrderEvent journaledEvent(JournalEntry entry) {
        String reason =
                entry.reason() == null || entry.reason().isBlank() ? "journaled " + entry.state() : entry.reason();
        return event(entry.request(), status(entry.state()), entry.exchangeOrderId(), entry.filledQuantity(), reason);
    }

    /** Returns an event of {@code request} in {@code status}, with the position after it. */
    OrderEvent event(
            OrderRequest request, OrderStatus status, String exchangeOrderId, BigDecimal filled, String reason) {
        return new OrderEvent(
                request.clientOrderId(),
                exchangeOrderId,
                request.instrument(),
                request.side(),
                status,
                request.quantity(),
                filled,
                request.price(),
                position(request.instrument()),
                reason,
                false,
                clock.millis());
    }

    /** Returns how {@code state} is published on {@code orders.events}. */
    static OrderStatus status(OrderState state) {
        return switch (state) {
            case PENDING, NEW, PARTIALLY_FILLED -> OrderStatus.ACCEPTED;
            case FILLED -> OrderStatus.FILLED;
            case CANCELED, EXPIRED -> OrderStatus.CANCELLED;
            case REJECTED -> OrderStatus.REJECTED;
        };
    }
}
