package io.candlebus.order;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.KillSwitchCommand;
import io.candlebus.contract.KillSwitchState;
import io.candlebus.order.journal.KillSwitchFile;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code orders.kill} for {@link OrderVerticle}: trips, clears or reads its {@link KillSwitch}, tells
 * the verticle of every change, and in live mode keeps a tripped switch in the journal directory (a restart
 * finds it tripped) or forgets a cleared one before replying. The switch acts at once whatever the disk
 * does; a failure to keep it is logged and named in the reply's failure, since a restart would not know it.
 */
final class KillSwitchEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(KillSwitchEndpoint.class);

    private final Vertx vertx;
    private final KillSwitch kill;
    private final Clock clock;
    /** Null in paper mode: nothing is kept. */
    private final Path keptIn;

    private final Consumer<KillSwitchState> onChange;

    KillSwitchEndpoint(Vertx vertx, KillSwitch kill, Clock clock, Path keptIn, Consumer<KillSwitchState> onChange) {
        this.vertx = vertx;
        this.kill = kill;
        this.clock = clock;
        this.keptIn = keptIn;
        this.onChange = onChange;
    }

    void onMessage(Message<Object> message) {
        if (!(message.body() instanceof KillSwitchCommand command)) {
            message.fail(
                    FailureCode.INVALID.code(),
                    Addresses.ORDERS_KILL + ": expected a KillSwitchCommand body, was "
                            + (message.body() == null
                                    ? "none"
                                    : message.body().getClass().getSimpleName()));
            return;
        }
        long now = clock.millis();
        boolean changed =
                switch (command.action()) {
                    case TRIP -> kill.trip(command.reason(), now);
                    case CLEAR -> kill.clear(command.reason(), now);
                    case GET -> false;
                };
        KillSwitchState state = kill.state();
        if (!changed) {
            message.reply(state);
            return;
        }
        if (state.tripped()) {
            LOG.warn(
                    "orders: {}; no new order is placed{}",
                    kill.refusal(),
                    keptIn == null ? ", open paper orders are cancelled" : ", open orders are cancelled at the venues");
        } else {
            LOG.warn("orders: kill switch cleared ({}); orders flow again", state.reason());
        }
        onChange.accept(state);
        keep(message, state);
    }

    /** Trips the switch from within the node (the daily loss limit), as a TRIP command would; no reply. */
    void trip(String reason) {
        if (!kill.trip(reason, clock.millis())) {
            return;
        }
        KillSwitchState state = kill.state();
        LOG.warn("orders: {}; no new order is placed, open orders are cancelled", kill.refusal());
        onChange.accept(state);
        if (keptIn != null) {
            vertx.executeBlocking(() -> {
                        KillSwitchFile.write(keptIn, state);
                        return state;
                    })
                    .onFailure(e -> LOG.error(
                            "orders: the tripped kill switch could not be kept in {}: {}", keptIn, e.toString()));
        }
    }

    private void keep(Message<Object> message, KillSwitchState state) {
        if (keptIn == null) {
            message.reply(state);
            return;
        }
        vertx.executeBlocking(() -> {
                    if (state.tripped()) {
                        KillSwitchFile.write(keptIn, state);
                    } else {
                        KillSwitchFile.delete(keptIn);
                    }
                    return state;
                })
                .onSuccess(message::reply)
                .onFailure(e -> {
                    LOG.error("orders: the kill switch state could not be kept in {}: {}", keptIn, e.toString());
                    message.fail(
                            FailureCode.INTERNAL.code(),
                            Addresses.ORDERS_KILL + ": the switch is " + (state.tripped() ? "tripped" : "cleared")
                                    + " but could not be kept in " + keptIn + " (" + e.getMessage()
                                    + "); a restart would not know it");
                });
    }
}
