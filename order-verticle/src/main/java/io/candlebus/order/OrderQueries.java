package io.candlebus.order;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.codec.ContractJson;
import io.candlebus.order.live.LiveBrokers;
import io.candlebus.order.live.VenueBalances;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Serves {@code orders.query} and {@code orders.cancel} for {@link OrderVerticle}. Queries answer from the
 * verticle's memory of orders (newest first) and its broker (positions; balances, from the venues in live
 * mode); list answers are JSON text, so decimals cross the bus exactly. A cancel of a final order answers
 * its final event; an open one is cancelled at its venue, and the event it ends in is published like any.
 */
final class OrderQueries {
    /** The most orders one {@code orders} query returns. */
    static final int MAX_LIMIT = 500;

    static final int DEFAULT_LIMIT = 100;

    private static final Set<String> FIELDS = Set.of("query", "instrument", "limit", "clientOrderId");

    private final String mode;
    private final OrderJournal results;
    private final Supplier<Broker> broker;
    private final Consumer<OrderEvent> onCancelled;

    /**
     * Creates the endpoints; {@code broker} gives the verticle's broker once started, {@code onCancelled} gets
     * the event a cancel ends in (the verticle records and publishes it).
     */
    OrderQueries(String mode, OrderJournal results, Supplier<Broker> broker, Consumer<OrderEvent> onCancelled) {
        this.mode = mode;
        this.results = results;
        this.broker = broker;
        this.onCancelled = onCancelled;
    }

    void onQuery(Message<Object> message) {
        String prefix = Addresses.ORDERS_QUERY + ": ";
        if (!(message.body() instanceof JsonObject json)) {
            message.fail(FailureCode.INVALID.code(), prefix + "expected a JSON object {\"query\": ...}");
            return;
        }
        for (String key : json.fieldNames()) {
            if (!FIELDS.contains(key)) {
                message.fail(
                        FailureCode.INVALID.code(),
                        prefix + key + ": unknown field, expected one of clientOrderId, instrument, limit, query");
                return;
            }
        }
        Object query = json.getValue("query");
        try {
            switch (query instanceof String q ? q : "") {
                case "orders" -> message.reply(orders(json));
                case "order" -> message.reply(order(json));
                case "positions" -> positions()
                        .onSuccess(message::reply)
                        .onFailure(e -> message.fail(
                                FailureCode.UNAVAILABLE.code(),
                                prefix + "positions could not be read: " + e.getMessage()));
                case "balances" -> balances()
                        .onSuccess(message::reply)
                        .onFailure(e -> message.fail(
                                FailureCode.UNAVAILABLE.code(),
                                prefix + "balances could not be read: " + e.getMessage()));
                default -> message.fail(
                        FailureCode.INVALID.code(),
                        prefix + "query: expected orders, order, positions or balances, was " + query);
            }
        } catch (QueryException e) {
            message.fail(e.code.code(), prefix + e.getMessage());
        }
    }

    /** A query refused: the code and our words. */
    private static final class QueryException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient FailureCode code;

        QueryException(FailureCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private String orders(JsonObject json) {
        Object limitValue = json.getValue("limit", DEFAULT_LIMIT);
        if (!(limitValue instanceof Integer limit) || limit < 1 || limit > MAX_LIMIT) {
            throw new QueryException(
                    FailureCode.INVALID, "limit: expected an integer from 1 to " + MAX_LIMIT + ", was " + limitValue);
        }
        Instrument instrument = null;
        Object key = json.getValue("instrument");
        if (key != null) {
            try {
                instrument = Instrument.parse(String.valueOf(key));
            } catch (IllegalArgumentException e) {
                String why = e.getMessage();
                throw new QueryException(
                        FailureCode.INVALID, why.startsWith("instrument:") ? why : "instrument: " + why);
            }
        }
        List<OrderEvent> recent = results.recent(limit, instrument);
        StringBuilder out = new StringBuilder("{\"mode\":\"").append(mode).append("\",\"orders\":[");
        for (int i = 0; i < recent.size(); i++) {
            out.append(i == 0 ? "" : ",").append(ContractJson.toJson(recent.get(i)));
        }
        return out.append("]}").toString();
    }

    private OrderEvent order(JsonObject json) {
        Object id = json.getValue("clientOrderId");
        if (!(id instanceof String text)) {
            throw new QueryException(FailureCode.INVALID, "clientOrderId: expected text, was " + id);
        }
        return results.find(text)
                .orElseThrow(() ->
                        new QueryException(FailureCode.NOT_FOUND, "no order with client order id '" + text + "'"));
    }

    /**
     * The broker's position (the one the risk limits use) per instrument traded. Live mode adds, read from the
     * venues now, {@code venue}: a futures market's position, a spot market's base asset balance (free + locked,
     * holdings bought elsewhere included), and {@code venueErrors} per market not read.
     */
    private Future<String> positions() {
        Set<Instrument> traded = new TreeSet<>();
        results.recent(Integer.MAX_VALUE, null).forEach(e -> traded.add(e.instrument()));
        Broker b = broker.get();
        if (!(b instanceof LiveBrokers live)) {
            return Future.succeededFuture(new JsonObject()
                    .put("mode", mode)
                    .put("positions", held(b, traded))
                    .encode());
        }
        return live.positionsByVenue(traded, false).map(read -> {
            traded.addAll(read.venue().keySet());
            JsonObject venue = new JsonObject();
            read.venue().forEach((i, amount) -> venue.put(i.key(), amount.toPlainString()));
            JsonObject errors = new JsonObject();
            read.errors().forEach(errors::put);
            return new JsonObject()
                    .put("mode", mode)
                    .put("positions", held(b, traded))
                    .put("venue", venue)
                    .put("venueErrors", errors)
                    .encode();
        });
    }

    private static JsonObject held(Broker b, Set<Instrument> instruments) {
        JsonObject positions = new JsonObject();
        for (Instrument instrument : instruments) {
            positions.put(instrument.key(), b.position(instrument).toPlainString());
        }
        return positions;
    }

    /**
     * Live mode: each venue market's balances, and under {@code errors} those that could not be read (fails
     * only if none could). Paper mode: the paper broker's, under {@code paper}.
     */
    private Future<String> balances() {
        Broker b = broker.get();
        Future<VenueBalances> read = b instanceof LiveBrokers live
                ? live.balancesByVenue()
                : b.balances().map(list -> new VenueBalances(new TreeMap<>(Map.of("paper", list)), new TreeMap<>()));
        return read.compose(venues -> {
            if (venues.balances().isEmpty() && !venues.errors().isEmpty()) {
                return Future.failedFuture(String.valueOf(venues.errors()));
            }
            JsonObject out = new JsonObject();
            venues.balances().forEach((venue, list) -> {
                JsonArray assets = new JsonArray();
                list.forEach(a -> assets.add(new JsonObject()
                        .put("asset", a.asset())
                        .put("free", a.free().toPlainString())
                        .put("locked", a.locked().toPlainString())));
                out.put(venue, assets);
            });
            JsonObject errors = new JsonObject();
            venues.errors().forEach(errors::put);
            return Future.succeededFuture(new JsonObject()
                    .put("mode", mode)
                    .put("venues", out)
                    .put("errors", errors)
                    .encode());
        });
    }

    void onCancel(Message<Object> message) {
        String prefix = Addresses.ORDERS_CANCEL + ": ";
        if (!(message.body() instanceof String id)) {
            message.fail(FailureCode.INVALID.code(), prefix + "expected a client order id (text)");
            return;
        }
        OrderEvent known = results.find(id).orElse(null);
        if (known == null) {
            message.fail(FailureCode.NOT_FOUND.code(), prefix + "no order with client order id '" + id + "'");
            return;
        }
        if (known.status() != OrderStatus.ACCEPTED) {
            // Final already (filled, rejected, cancelled): nothing to cancel, its final event is the answer.
            message.reply(known);
            return;
        }
        broker.get()
                .cancel(id)
                .onSuccess(event -> {
                    onCancelled.accept(event);
                    message.reply(event);
                })
                .onFailure(e -> message.fail(
                        FailureCode.UNAVAILABLE.code(),
                        prefix + "order '" + id + "' may still be open: " + e.getMessage()));
    }
}
