package io.candlebus.order.journal;

import io.candlebus.contract.OrderRequest;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the journal knows of one intent: the order as decided, and its latest state.
 *
 * @param request the order, with its client order id
 * @param createdAt when the intent was journaled, epoch ms
 * @param state its latest state
 * @param exchangeOrderId the venue's order id once known, else null
 * @param filledQuantity the base quantity filled so far
 * @param reason why it is in this state (a venue's error name and message for REJECTED), or null
 * @param updatedAt when the latest state was journaled, epoch ms
 */
public record JournalEntry(
        OrderRequest request,
        long createdAt,
        OrderState state,
        String exchangeOrderId,
        BigDecimal filledQuantity,
        String reason,
        long updatedAt) {

    public JournalEntry {
        Objects.requireNonNull(request, "journalEntry.request");
        Objects.requireNonNull(state, "journalEntry.state");
        Objects.requireNonNull(filledQuantity, "journalEntry.filledQuantity");
    }

    /** Returns the client order id. */
    public String clientOrderId() {
        return request.clientOrderId();
    }

    /** Returns this entry moved to {@code next}. */
    JournalEntry with(OrderState next, String venueId, BigDecimal filled, String why, long time) {
        return new JournalEntry(
                request, createdAt, next, venueId != null ? venueId : exchangeOrderId, filled, why, time);
    }
}
