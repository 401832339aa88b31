package io.candlebus.market.binance;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import io.candlebus.market.BadInputCounter;
import io.candlebus.market.BadInputException;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.venue.FeedCounters;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every message of a {@link BinanceFeed}'s connections: a kline goes to its stream's seam (or, from a
 * rotation's replacement, to its shadow), a control reply settles or refuses a SUBSCRIBE, a shutdown notice
 * drops its connection; anything else is counted as bad input or ignored. It exists so the feed itself
 * handles streams and REST only; it remembers when the feed last heard from the venue.
 */
final class MessageIntake {
    /** What the intake needs of its feed. */
    interface Owner {
        /** Takes a stream off its connection for good: the venue does not know its symbol. */
        void markUnknown(KlineStream s, String reason);

        /** A rotation's replacement has delivered a closed kline of every stream: the old connection goes. */
        void finishRotation(BinanceConnection c);
    }

    private static final Logger LOG = LoggerFactory.getLogger(MessageIntake.class);

    private final Clock clock;
    private final MarketConfig config;
    private final String component;
    private final BinanceKlineParser parser;
    private final BadInputCounter badInput;
    /** The feed's streams, by symbol. */
    private final Map<String, KlineStream> streams;

    private final KlineSeam seam;
    private final Owner owner;

    private long lastEventTime;
    /** Clock time of the last message received, MIN_VALUE if none yet. */
    private long lastHeard = Long.MIN_VALUE;

    private final FeedCounters.Counter messages;
    private final FeedCounters.Counter controlReplies;
    private final FeedCounters.Counter controlErrors;
    private final FeedCounters.Counter refusedStreams;
    private final FeedCounters.Counter ignoredMessages;

    /** Takes its counters from {@code counters}, where the feed registered them in the heartbeat's order. */
    MessageIntake(
            Clock clock,
            MarketConfig config,
            String component,
            BinanceKlineParser parser,
            BadInputCounter badInput,
            Map<String, KlineStream> streams,
            KlineSeam seam,
            FeedCounters counters,
            Owner owner) {
        this.clock = clock;
        this.config = config;
        this.component = component;
        this.parser = parser;
        this.badInput = badInput;
        this.streams = streams;
        this.seam = seam;
        this.owner = owner;
        this.messages = counters.counter("messages");
        this.controlReplies = counters.counter("controlReplies");
        this.controlErrors = counters.counter("controlErrors");
        this.refusedStreams = counters.counter("refusedStreams");
        this.ignoredMessages = counters.counter("ignoredMessages");
    }

    long lastEventTime() {
        return lastEventTime;
    }

    /** Clock time of the last message received, MIN_VALUE if none yet. */
    long lastHeard() {
        return lastHeard;
    }

    /** Reads a message of {@code c}: counts it, then acts on what it is. */
    void onMessage(BinanceConnection c, byte[] utf8, long bytes) {
        messages.inc();
        lastEventTime = clock.millis();
        lastHeard = lastEventTime;
        if (!c.heard) {
            c.heard = true;
            c.backoff.reset();
        }
        if (badInput.oversized(utf8, bytes, config.maxMessageBytes())) {
            return;
        }
        BinanceFrame frame;
        try {
            frame = parser.parse(utf8);
        } catch (BadInputException e) {
            badInput.record(e, utf8);
            return;
        } catch (RuntimeException e) {
            badInput.record(new BadInputException("invalid", String.valueOf(e.getMessage())), utf8);
            return;
        }
        if (frame instanceof BinanceFrame.Kline k) {
            onKline(c, k.candle());
        } else if (frame instanceof BinanceFrame.Reply r) {
            controlReplies.inc();
            if (r.error() != null) {
                controlErrors.inc();
                LOG.warn("{}: request {} on connection {} failed: {}", component, r.id(), c.id, r.error());
                onRefused(c, c.refused(r.id()), r.error());
            } else {
                c.accepted(r.id());
            }
        } else if (frame instanceof BinanceFrame.Shutdown) {
            LOG.info("{}: server announced shutdown of connection {}; reconnecting", component, c.id);
            c.drop("serverShutdown");
        } else {
            ignoredMessages.inc();
        }
    }

    /**
     * A refused SUBSCRIBE of one stream names it: the stream is dropped as unknown, its connection keeps
     * the others. A refused request of several leaves them as suspects to be subscribed one by one.
     */
    private void onRefused(BinanceConnection c, List<String> names, String error) {
        if (names.size() != 1) {
            if (!names.isEmpty()) {
                LOG.warn(
                        "{}: connection {}: the venue refused one of {}; subscribing them one by one",
                        component,
                        c.id,
                        names);
                c.flush(clock.millis());
            }
            return;
        }
        for (KlineStream s : List.copyOf(streams.values())) {
            if (s.streamName.equals(names.get(0)) && !s.unknown) {
                refusedStreams.inc();
                owner.markUnknown(s, "SUBSCRIBE refused: " + error);
            }
        }
    }

    private void onKline(BinanceConnection c, Candle kline) {
        KlineStream s = streams.get(kline.instrument().symbol());
        if (s == null || kline.interval() != Interval.M1 || !c.wanted.contains(s.streamName)) {
            ignoredMessages.inc();
            return;
        }
        s.lastMessageTime = clock.millis();
        s.lastMessageNanos = System.nanoTime();
        s.lastKlineOpen = Math.max(s.lastKlineOpen, kline.openTime());
        if (c.replacing != null && s.connection != c) {
            // A rotation's replacement: once it has delivered a closed kline of every stream, the old one goes.
            seam.shadow(s, kline);
            if (kline.closed()) {
                c.closedSeen.add(s.streamName);
                if (c.closedSeen.containsAll(c.wanted)) {
                    owner.finishRotation(c);
                }
            }
            return;
        }
        seam.live(s, kline);
    }
}
