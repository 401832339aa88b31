package io.candlebus.contract;

import java.util.List;

/** Every event-bus address candlebus uses; no address literal appears anywhere else. */
public final class Addresses {
    private Addresses() {}

    /** Trades from the feeds, a feed's trades of one turn of its event loop together. Publish; body {@link TradeBatch}. */
    public static final String MARKET_TRADES = "market.trades";

    /** Candles as the venue sent them, open or closed, from websocket or REST. Publish; body {@link Candle}. */
    public static final String MARKET_KLINES = "market.klines";

    /**
     * Feed events for candle aggregation ({@link FeedEvent}): the prefix of one address per feed and shard,
     * {@link #marketFeed(String, int)}, and of each feed's control ({@link #marketFeedControl}) and repair
     * ({@link #marketFeedRepair}) addresses. Send, numbered per (feed, epoch, shard); body {@link FeedEvent}.
     */
    public static final String MARKET_FEED = "market.feed";

    /** The candle in progress, throttled. Publish; body {@link Candle} with {@code closed=false}. */
    public static final String CANDLES_LIVE = "candles.live";

    /** Closed candles, once per (instrument, interval, openTime), in order per stream. Publish; body {@link Candle}. */
    public static final String CANDLES_CLOSED = "candles.closed";

    /**
     * Closed candles for recording, one at a time, served by every recorder whatever it owns: for tools that
     * write candles no live market sends (backfill). Request/reply; body {@link Candle}, empty reply.
     */
    public static final String RECORDER_CANDLES = "recorder.candles";

    /**
     * Closed candles for the recorder that owns their streams ({@link StreamOwners}): the prefix of one address
     * per recorder, {@link #recorderBatches(String)}. Request/reply; body {@link CandleBatch}, one empty reply
     * once every candle of the batch is in a complete file.
     */
    public static final String RECORDER_BATCHES = "recorder.batches";

    /** Live recorders announce themselves and what they own. Publish, every second; body {@link RecorderPresence}. */
    public static final String RECORDER_MEMBERS = "recorder.members";

    /** Bollinger bands, closed and live. Publish; body {@link Bands}. */
    public static final String BANDS = "bands";

    /** Trading signals. Publish; body {@link Signal}. */
    public static final String SIGNALS = "signals";

    /** Order submission. Request/reply; body {@link OrderRequest}, reply {@link OrderEvent}. */
    public static final String ORDERS_SUBMIT = "orders.submit";

    /** Order lifecycle events. Publish; body {@link OrderEvent}. */
    public static final String ORDERS_EVENTS = "orders.events";

    /**
     * The order kill switch: trip, clear or read it. Request/reply; body {@link KillSwitchCommand}, reply
     * {@link KillSwitchState}.
     */
    public static final String ORDERS_KILL = "orders.kill";

    /** Profit and loss of the order node's fills, every second. Publish; body {@link PnlSnapshot}. */
    public static final String ORDERS_PNL = "orders.pnl";
    /**
     * What the order verticle knows. Request/reply; body a JSON object {@code {"query": ...}}: {@code
     * "orders"} (optional {@code "instrument"} key and {@code "limit"} 1-500, default 100) replies {@code
     * {"orders": [OrderEvent JSON, newest first]}}; {@code "order"} with {@code "clientOrderId"} replies the
     * order's latest {@link OrderEvent} (fails NOT_FOUND naming the id); {@code "positions"} replies {@code
     * {"mode", "positions": {instrument key: decimal text}}}; {@code "balances"} replies {@code {"mode",
     * "venues": {venue: [{"asset", "free", "locked"}]}, "errors": {venue: reason}}} (from the venues in live
     * mode, keyed {@code exchange:market}; fails UNAVAILABLE only if no venue could be read). The list replies
     * are JSON text, so decimals cross the bus exactly.
     */
    public static final String ORDERS_QUERY = "orders.query";

    /**
     * Cancels an order. Request/reply; body the client order id (a string), reply the order's final {@link
     * OrderEvent} (CANCELLED, or FILLED if it filled first); fails NOT_FOUND for an unknown id and
     * UNAVAILABLE when the venue's answer is unclear.
     */
    public static final String ORDERS_CANCEL = "orders.cancel";

    /** Runtime subscriptions. Request/reply; body {@link SubscriptionCommand}, reply {@link SubscriptionList}. */
    public static final String CONTROL_SUBSCRIPTIONS = "control.subscriptions";

    /** Component status, every second from every verticle. Publish; body {@link Heartbeat}. */
    public static final String STATUS_HEARTBEAT = "status.heartbeat";

    /** Node announcements, every second from every node whatever its roles. Publish; body {@link NodeInfo}. */
    public static final String STATUS_NODES = "status.nodes";

    /** Returns the address on which the recorder {@code recorder} takes the batches of the streams it owns. */
    public static String recorderBatches(String recorder) {
        return RECORDER_BATCHES + "." + recorder;
    }

    /**
     * Returns the address on which feed {@code feedId} ({@code exchange.market}) sends the {@link FeedEvent}s of
     * candle shard {@code shard}, e.g. {@code market.feed.binance.spot.0}.
     */
    public static String marketFeed(String feedId, int shard) {
        return MARKET_FEED + "." + feedId + "." + shard;
    }

    /**
     * Returns the address of feed {@code feedId}'s own subscriptions, e.g. {@code market.feed.bithumb.spot.control}.
     * Request/reply; body {@link SubscriptionCommand}, reply the feed's {@link SubscriptionList}.
     */
    public static String marketFeedControl(String feedId) {
        return MARKET_FEED + "." + feedId + ".control";
    }

    /**
     * Returns the address on which feed {@code feedId} takes repair requests, e.g. {@code
     * market.feed.binance.spot.repair}. Request/reply; body {@link FeedRepair}, empty reply.
     */
    public static String marketFeedRepair(String feedId) {
        return MARKET_FEED + "." + feedId + ".repair";
    }

    /** Every address above, in the order of the design table. */
    public static final List<String> ALL = List.of(
            MARKET_TRADES,
            MARKET_KLINES,
            MARKET_FEED,
            CANDLES_LIVE,
            CANDLES_CLOSED,
            RECORDER_CANDLES,
            RECORDER_BATCHES,
            RECORDER_MEMBERS,
            BANDS,
            SIGNALS,
            ORDERS_SUBMIT,
            ORDERS_EVENTS,
            ORDERS_KILL,
            ORDERS_PNL,
            ORDERS_QUERY,
            ORDERS_CANCEL,
            CONTROL_SUBSCRIPTIONS,
            STATUS_HEARTBEAT,
            STATUS_NODES);
}
