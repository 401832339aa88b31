package io.candlebus.order;

import io.candlebus.contract.OrderEvent;
import io.candlebus.order.live.LiveBrokers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the live orders of an {@link OrderVerticle} in step with their venues: first settles the journal's
 * open intents (retrying every poll period until that succeeds; no new order before), then every poll period
 * follows the open orders to their final state, cancels them while the {@link KillSwitch} is tripped, and
 * settles the intents whose outcome is unknown. It exists so the verticle itself only wires addresses to
 * the order desk; every change found here is journaled in {@link OrderJournal} and handed on as an event.
 */
final class LiveOrderSync {
    private static final Logger LOG = LoggerFactory.getLogger(LiveOrderSync.class);

    private final Vertx vertx;
    private final LiveBrokers brokers;
    private final long pollMillis;
    private final KillSwitch kill;
    private final OrderJournal results;
    /** Publishes an order event. */
    private final Consumer<OrderEvent> onEvent;
    /** Runs once, when the journal's intents are settled: new orders may be placed from then on. */
    private final Runnable onReconciled;

    private boolean polling;
    private boolean stopped;
    private long liveTimer = -1;

    LiveOrderSync(
            Vertx vertx,
            LiveBrokers brokers,
            long pollMillis,
            KillSwitch kill,
            OrderJournal results,
            Consumer<OrderEvent> onEvent,
            Runnable onReconciled) {
        this.vertx = vertx;
        this.brokers = brokers;
        this.pollMillis = pollMillis;
        this.kill = kill;
        this.results = results;
        this.onEvent = onEvent;
        this.onReconciled = onReconciled;
    }

    /** Settles the journal's open intents with the venues, retrying until it succeeds; then starts polling. */
    void reconcile() {
        brokers.reconcile().onComplete(ar -> {
            if (stopped) {
                return;
            }
            if (ar.failed()) {
                LOG.warn(
                        "live orders: reconciliation incomplete, no new order until it is done; retrying in {} ms:"
                                + " {}",
                        pollMillis,
                        ar.cause().getMessage());
                liveTimer = vertx.setTimer(pollMillis, id -> reconcile());
                return;
            }
            ar.result().forEach(onEvent);
            // Some intents may have been settled by an earlier, failed attempt: take every latest state.
            brokers.journaled().forEach(results::update);
            LOG.info("live orders: reconciled ({} intents still open at the venues); trading", brokers.openIntents());
            onReconciled.run();
            liveTimer = vertx.setPeriodic(pollMillis, id -> poll());
        });
    }

    /**
     * Looks up the open orders, cancels them while the kill switch is tripped, then settles the intents whose
     * outcome is unknown; one poll at a time.
     */
    void poll() {
        if (polling || stopped) {
            return;
        }
        polling = true;
        List<OrderEvent> all = new ArrayList<>();
        brokers.poll()
                .compose(changed -> {
                    all.addAll(changed);
                    return kill.tripped() ? brokers.cancelOpen() : Future.succeededFuture(List.<OrderEvent>of());
                })
                .compose(cancelled -> {
                    all.addAll(cancelled);
                    return brokers.settleUnknown();
                })
                .map(settled -> {
                    all.addAll(settled);
                    return all;
                })
                .onComplete(ar -> {
                    polling = false;
                    if (stopped) {
                        return;
                    }
                    if (ar.failed()) {
                        LOG.warn(
                                "live orders: polling open orders failed: {}",
                                ar.cause().getMessage());
                    } else {
                        for (OrderEvent event : ar.result()) {
                            results.update(event);
                            onEvent.accept(event);
                        }
                    }
                });
    }

    /** Stops retrying and polling; a poll under way publishes nothing more. */
    void stop() {
        stopped = true;
        vertx.cancelTimer(liveTimer);
    }
}
