package io.candlebus.market;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleBatch;
import io.candlebus.contract.RecorderPresence;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A stand-in recorder on the real bus for tests of the sending side: it announces itself on
 * {@code recorder.members} every 200 ms and answers the batches sent to its own address with what
 * {@code handler} returns (a failed future fails the batch).
 */
public final class StandInRecorder {
    private final Vertx vertx;
    private final String id;
    private final MessageConsumer<CandleBatch> consumer;
    private final long timer;

    private StandInRecorder(Vertx vertx, String id, Function<List<Candle>, Future<Void>> handler) {
        this.vertx = vertx;
        this.id = id;
        this.consumer = vertx.eventBus().consumer(Addresses.recorderBatches(id), m -> handler.apply(
                        m.body().candles())
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        m.reply(null);
                    } else {
                        m.fail(503, ar.cause().getMessage());
                    }
                }));
        this.timer = vertx.setPeriodic(200, t -> announce(RecorderPresence.LIVE));
    }

    /** Starts a stand-in that acknowledges every batch and hands each candle to {@code recorded}. */
    public static StandInRecorder acknowledging(Vertx vertx, String id, java.util.function.Consumer<Candle> recorded)
            throws Exception {
        return start(vertx, id, candles -> {
            candles.forEach(recorded);
            return Future.succeededFuture();
        });
    }

    /** Starts a stand-in answering with {@code handler}; returns once its address is registered and announced. */
    public static StandInRecorder start(Vertx vertx, String id, Function<List<Candle>, Future<Void>> handler)
            throws Exception {
        StandInRecorder r = new StandInRecorder(vertx, id, handler);
        r.consumer.completion().await(10, TimeUnit.SECONDS);
        r.announce(RecorderPresence.LIVE);
        return r;
    }

    public String id() {
        return id;
    }

    /** Announces that it leaves and stops announcing; its address stays until {@link #unregister}. */
    public void leave() {
        vertx.cancelTimer(timer);
        announce(RecorderPresence.LEAVING);
    }

    /** Stops announcing and removes its address, as a dead recorder's goes. */
    public void unregister() throws Exception {
        vertx.cancelTimer(timer);
        consumer.unregister().await(10, TimeUnit.SECONDS);
    }

    private void announce(String state) {
        vertx.eventBus()
                .publish(
                        Addresses.RECORDER_MEMBERS,
                        new RecorderPresence(id, "stand-in", state, System.currentTimeMillis(), Map.of()));
    }
}
