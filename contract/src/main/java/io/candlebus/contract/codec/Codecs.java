package io.candlebus.contract.codec;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleBatch;
import io.candlebus.contract.FeedEvent;
import io.candlebus.contract.FeedRepair;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.KillSwitchCommand;
import io.candlebus.contract.KillSwitchState;
import io.candlebus.contract.NodeInfo;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.PnlSnapshot;
import io.candlebus.contract.RecorderPresence;
import io.candlebus.contract.Signal;
import io.candlebus.contract.SubscriptionCommand;
import io.candlebus.contract.SubscriptionList;
import io.candlebus.contract.Trade;
import io.candlebus.contract.TradeBatch;
import io.vertx.core.eventbus.EventBus;
import java.util.List;

/** Lists every record that crosses the bus and registers their codecs. */
public final class Codecs {
    private Codecs() {}

    /** Every record type that may be a message body. */
    public static final List<Class<? extends Record>> ALL = List.of(
            Trade.class,
            TradeBatch.class,
            Candle.class,
            Bands.class,
            Signal.class,
            OrderRequest.class,
            OrderEvent.class,
            KillSwitchCommand.class,
            KillSwitchState.class,
            PnlSnapshot.class,
            SubscriptionCommand.class,
            SubscriptionList.class,
            Heartbeat.class,
            NodeInfo.class,
            CandleBatch.class,
            RecorderPresence.class,
            FeedEvent.Trades.class,
            FeedEvent.KlineEvent.class,
            FeedEvent.Suspend.class,
            FeedEvent.Cover.class,
            FeedEvent.Resume.class,
            FeedEvent.Follow.class,
            FeedEvent.Unfollow.class,
            FeedEvent.Alive.class,
            FeedEvent.RepairStart.class,
            FeedRepair.class);

    /**
     * Registers a default codec for every record in {@link #ALL}. Call once per {@code Vertx}, on every
     * node of a cluster (a codec known only to the sender fails on the receiver). Calling it twice on the
     * same bus is harmless.
     */
    public static void registerAll(EventBus bus) {
        for (Class<? extends Record> type : ALL) {
            register(bus, type);
        }
    }

    private static <T extends Record> void register(EventBus bus, Class<T> type) {
        try {
            bus.registerDefaultCodec(type, new JsonRecordCodec<>(type));
        } catch (IllegalStateException alreadyRegistered) {
            // A second Vertx user in the same process (tests, the launcher) may have done it already.
        }
    }
}
