package io.candlebus.market.venue;

import io.candlebus.contract.Interval;
import io.candlebus.contract.Trade;
import io.candlebus.market.FeedSink;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the trades of the published connection of a {@link TradeStreamFeed}: drops repeats by trade id,
 * uses a SNAPSHOT only for a code already live, sets the connection's seam at its first live trade (every
 * waiting code joins REST there, {@link SeamFill}), holds trades after a code's seam until REST has caught
 * up, and publishes the rest.
 */
final class TradeIntake {
    private static final Logger LOG = LoggerFactory.getLogger(TradeIntake.class);

    private final Map<String, CodeState> codes;
    private final SeamFill seam;
    private final Replacement replacement;
    private final FeedSink sink;
    private final Supplier<TradeLink> link;
    private final String component;
    private final LinkMessages messages = new LinkMessages();
    /** The seam minute of the current connection, set by its first live trade. */
    private long connectionSeam = CodeState.NONE;

    private final FeedCounters.Counter trades;
    private final FeedCounters.Counter duplicates;
    private final FeedCounters.Counter snapshotsSkipped;
    private final FeedCounters.Counter beforeSeam;
    private final FeedCounters.Counter statusUp;
    private final FeedCounters.Counter venueErrors;
    private final FeedCounters.Counter ignored;

    TradeIntake(
            Map<String, CodeState> codes,
            SeamFill seam,
            Replacement replacement,
            FeedSink sink,
            Supplier<TradeLink> link,
            String component,
            FeedCounters counters) {
        this.codes = codes;
        this.seam = seam;
        this.replacement = replacement;
        this.sink = sink;
        this.link = link;
        this.component = component;
        this.trades = counters.counter("trades");
        this.duplicates = counters.counter("duplicates");
        this.snapshotsSkipped = counters.counter("snapshotsSkipped");
        this.beforeSeam = counters.counter("beforeSeam");
        this.statusUp = counters.counter("statusUp");
        this.venueErrors = counters.counter("venueErrors");
        this.ignored = counters.counter("ignoredMessages");
    }

    /** Returns where the published connection's messages go. */
    TradeVenue.Messages messages() {
        return messages;
    }

    /** A new connection publishes: its first live trade sets the seam again. */
    void newConnection() {
        connectionSeam = CodeState.NONE;
    }

    /** Takes a trade of the published connection (also one a handover's replacement buffered). */
    void trade(Trade trade, boolean snapshot) {
        CodeState cs = codes.get(trade.instrument().symbol());
        if (cs == null || !cs.onLink) {
            // Removed, or (re-)added and not yet carried by this connection's subscription.
            ignored.inc();
            return;
        }
        if (!cs.firstSighting(trade)) {
            duplicates.inc();
            return;
        }
        replacement.seenOnOld(trade);
        long minute = Interval.M1.openTimeOf(trade.tradeTime());
        if (snapshot) {
            // A snapshot repeats the last trade before the subscription; only a live code can use a new one.
            if (cs.phase == CodeState.Phase.LIVE && minute >= cs.liveFrom) {
                publish(cs, trade);
            } else {
                snapshotsSkipped.inc();
            }
            return;
        }
        if (connectionSeam == CodeState.NONE) {
            connectionSeam = minute;
            for (CodeState other : codes.values()) {
                if (other.phase == CodeState.Phase.WAITING) {
                    seam.begin(other, minute);
                }
            }
        }
        if (cs.phase == CodeState.Phase.WAITING) {
            seam.begin(cs, minute);
        }
        if (cs.phase == CodeState.Phase.LIVE) {
            publish(cs, trade);
        } else if (minute > cs.seam) {
            cs.hold(trade);
        } else {
            beforeSeam.inc();
        }
    }

    /** Publishes a live trade of {@code cs}. */
    void publish(CodeState cs, Trade trade) {
        long minute = Interval.M1.openTimeOf(trade.tradeTime());
        if (minute > cs.lastTradeMinute) {
            cs.lastTradeMinute = minute;
        }
        trades.inc();
        seam.remember(cs, minute, trade.price());
        sink.trade(trade);
    }

    /** What the published connection delivers. */
    private final class LinkMessages implements TradeVenue.Messages {
        @Override
        public void trade(Trade trade, boolean snapshot) {
            TradeIntake.this.trade(trade, snapshot);
            replacement.switchIfProven();
        }

        @Override
        public void statusUp() {
            statusUp.inc();
            link.get().answered = true;
        }

        @Override
        public void venueError(String name, String message) {
            venueErrors.inc();
            LOG.warn("{}: venue error {}: {}", component, name, message);
        }

        @Override
        public void ignored() {
            ignored.inc();
        }
    }
}
