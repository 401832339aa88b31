package io.candlebus.market.bithumb;

import io.candlebus.contract.Trade;

/** One message received on the Bithumb public websocket, as far as candlebus cares. */
public sealed interface BithumbMessage {

    /** A trade; {@code snapshot} is true for the {@code SNAPSHOT} repeat sent on (re)subscribe. */
    record TradeMessage(Trade trade, boolean snapshot) implements BithumbMessage {}

    /**
     * A ticker message (recognised, not used); {@code delistingDate} is null when the venue sends none
     * ({@code null} in the docs, {@code ""} in real messages).
     */
    record Ticker(String code, String delistingDate) implements BithumbMessage {}

    /** The keepalive answer {@code {"status":"UP"}}. */
    record StatusUp() implements BithumbMessage {}

    /**
     * An error reply such as {@code {"error":{"name":"WRONG_FORMAT","message":"..."}}}; a numeric
     * {@code name} ({@code 400}) is kept as its text.
     */
    record Error(String name, String message) implements BithumbMessage {}

    /** Any other message type (order book, unknown), ignored. */
    record Other(String type) implements BithumbMessage {}
}
