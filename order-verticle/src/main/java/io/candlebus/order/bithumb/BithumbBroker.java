package io.candlebus.order.bithumb;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import io.candlebus.order.Broker;
import io.candlebus.order.journal.JournalEntry;
import io.candlebus.order.journal.OrderJournalFile;
import io.candlebus.order.journal.OrderState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Places orders at Bithumb ({@code POST /v2/orders}, JWT-signed) so that an intent becomes at most one
 * order. The intent is journaled and forced to disk (through {@code executeBlocking}) before the request
 * leaves. A clear answer is journaled as NEW or REJECTED (with the venue's error name and message). An
 * unclear one (timeout, reset, 5xx, 429, unreadable) is never resent: the order is looked up by client
 * order id, retrying "not found" every {@code lookupBackoffMillis} until {@code lookupDeadlineMillis};
 * still unknown then, the order was not placed (REJECTED). If the lookups themselves keep failing the
 * outcome stays unknown: the future fails and the intent stays PENDING for {@link #reconcile()}.
 *
 * <p>Runs on one event loop. Not yet done: following an accepted order to its final state.
 */
public final class BithumbBroker implements Broker {
    private final Vertx vertx;
    private final WebClient client;
    private final Settings settings;
    private final BithumbJwtSigner signer;
    private final OrderJournalFile journal;
    private final Clock clock;
    private final Map<Instrument, BigDecimal> positions = new HashMap<>();

    /**
     * How the broker talks to Bithumb.
     *
     * @param restUrl the REST base, e.g. {@code https://api.bithumb.com} or the simulator's
     * @param orderTimeoutMillis how long an order request may take before its outcome counts as unclear
     * @param lookupTimeoutMillis how long one lookup may take
     * @param lookupDeadlineMillis how long an unclear outcome is looked up before deciding
     * @param lookupBackoffMillis the pause between lookups
     */
    public record Settings(
            String restUrl,
            long orderTimeoutMillis,
            long lookupTimeoutMillis,
            long lookupDeadlineMillis,
            long lookupBackoffMillis) {
        public Settings {
            Objects.requireNonNull(restUrl, "settings.restUrl");
            if (orderTimeoutMillis < 1
                    || lookupTimeoutMillis < 1
                    || lookupDeadlineMillis < 0
                    || lookupBackoffMillis < 1) {
                throw new IllegalArgumentException("settings: expected orderTimeoutMillis >= 1, lookupTimeoutMillis"
                        + " >= 1, lookupDeadlineMillis >= 0, lookupBackoffMillis >= 1");
            }
        }
    }

    /** Creates a broker; {@code journal} must be used by nothing else. */
    public BithumbBroker(
            Vertx vertx,
            WebClient client,
            Settings settings,
            BithumbJwtSigner signer,
            OrderJournalFile journal,
            Clock clock) {
        this.vertx = vertx;
        this.client = client;
        this.settings = settings;
        this.signer = signer;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public Future<OrderEvent> submit(OrderRequest request) {
        JsonObject body;
        try {
            body = BithumbOrderBody.of(request);
        } catch (IllegalArgumentException e) {
            // Nothing can be sent, so nothing is journaled.
            return Future.succeededFuture(event(request, OrderStatus.REJECTED, null, BigDecimal.ZERO, e.getMessage()));
        }
        return vertx.executeBlocking(() -> journal.recordIntent(request, clock.millis()))
                .compose(intent -> post(request, body));
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
            chain = chain.compose(v -> resolve(entry.request(), deadline()).map(e -> {
                out.add(e);
                return null;
            }));
        }
        return chain.map(v -> out);
    }

    @Override
    public BigDecimal position(Instrument instrument) {
        return positions.getOrDefault(instrument, BigDecimal.ZERO);
    }

    private Future<OrderEvent> post(OrderRequest request, JsonObject body) {
        return client.postAbs(settings.restUrl() + "/v2/orders")
                .putHeader("Authorization", signer.authorization(BithumbQuery.of(body)))
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .timeout(settings.orderTimeoutMillis())
                .sendBuffer(Buffer.buffer(body.encode()))
                .transform(ar -> {
                    if (ar.succeeded()) {
                        HttpResponse<Buffer> response = ar.result();
                        JsonObject json = BithumbReply.object(response.bodyAsString());
                        String error = BithumbReply.error(json);
                        int status = response.statusCode();
                        if (status < 300 && error == null && json != null && json.getString("order_id") != null) {
                            return record(
                                    request,
                                    OrderState.NEW,
                                    json.getString("order_id"),
                                    BigDecimal.ZERO,
                                    "accepted by bithumb");
                        }
                        if (status >= 400 && status < 500 && status != 429 && error != null) {
                            return record(request, OrderState.REJECTED, null, BigDecimal.ZERO, "bithumb " + error);
                        }
                    }
                    return resolve(request, deadline());
                });
    }

    /** Looks the order up by client order id until it is found or the deadline passes. */
    private Future<OrderEvent> resolve(OrderRequest request, long deadlineNanos) {
        String query = "client_order_id=" + request.clientOrderId();
        return client.getAbs(settings.restUrl() + "/v1/order?" + query)
                .putHeader("Authorization", signer.authorization(query))
                .timeout(settings.lookupTimeoutMillis())
                .send()
                .transform(ar -> {
                    boolean notFound = false;
                    if (ar.succeeded()) {
                        JsonObject json = BithumbReply.object(ar.result().bodyAsString());
                        if (ar.result().statusCode() == 200
                                && BithumbReply.error(json) == null
                                && json != null
                                && json.getString("uuid") != null) {
                            return record(
                                    request,
                                    BithumbReply.state(json),
                                    json.getString("uuid"),
                                    BithumbReply.executed(json),
                                    "found at bithumb by client order id");
                        }
                        notFound = ar.result().statusCode() == 404 && BithumbReply.notFound(json);
                    }
                    if (System.nanoTime() - deadlineNanos < 0) {
                        return delay(settings.lookupBackoffMillis()).compose(v -> resolve(request, deadlineNanos));
                    }
                    if (notFound) {
                        return record(
                                request,
                                OrderState.REJECTED,
                                null,
                                BigDecimal.ZERO,
                                "not placed: bithumb did not know the order after " + settings.lookupDeadlineMillis()
                                        + " ms of lookups");
                    }
                    return Future.failedFuture("bithumb: the outcome of order " + request.clientOrderId()
                            + " is unknown after " + settings.lookupDeadlineMillis()
                            + " ms of lookups; it stays PENDING in the journal");
                });
    }

    private Future<OrderEvent> record(
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

    private OrderEvent event(
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

    private static OrderStatus status(OrderState state) {
        return switch (state) {
            case PENDING, NEW, PARTIALLY_FILLED -> OrderStatus.ACCEPTED;
            case FILLED -> OrderStatus.FILLED;
            case CANCELED, EXPIRED -> OrderStatus.CANCELLED;
            case REJECTED -> OrderStatus.REJECTED;
        };
    }

    private long deadline() {
        return System.nanoTime() + settings.lookupDeadlineMillis() * 1_000_000L;
    }

    private Future<Void> delay(long millis) {
        Promise<Void> promise = Promise.promise();
        vertx.setTimer(millis, id -> promise.complete());
        return promise.future();
    }
}
