package io.candlebus.market;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Names the feeds of a node from its {@code market.feedConnections}: a venue whose codes may be spread ({@link
 * Venues.Venue#spreads()}: the trade-stream venues) has that many parts per market, each a feed of its own; every
 * other venue market is one feed. An instrument's part is the range its hash falls in ({@link FeedShards#slot}), as
 * its candle shard is: with as many parts as shards, every code of part {@code p} goes to shard {@code p}, and {@link
 * FeedPlacement} runs the two on one event loop, so that trades do not cross threads. Every node that runs feeds or
 * candles must be given the same count, as for {@code market.candleShards}.
 */
public final class FeedParts {
    private final int connections;

    public FeedParts(int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("feed connections: expected at least 1, was " + connections);
        }
        this.connections = connections;
    }

    /** Returns the parts of {@code config}. */
    public static FeedParts of(MarketConfig config) {
        return new FeedParts(config.feedConnections());
    }

    /** Returns how many parts each market of {@code exchange} has. */
    public int count(Exchange exchange) {
        Venues.Venue venue = Venues.of(exchange);
        return venue != null && venue.spreads() ? connections : 1;
    }

    /** Returns the part that carries {@code instrument}. */
    public FeedPart partOf(Instrument instrument) {
        int count = count(instrument.exchange());
        return new FeedPart(FeedShards.slot(FeedShards.hash(instrument), count), count);
    }

    /** Returns the feed id of part {@code part} of a venue market: {@code bithumb.spot}, or {@code bithumb.spot#1}. */
    public static String feedId(Exchange exchange, Market market, FeedPart part) {
        return FeedShards.feedId(exchange, market) + part.suffix();
    }

    /** Returns the id of the feed that carries {@code instrument}. */
    public String feedId(Instrument instrument) {
        return feedId(instrument.exchange(), instrument.market(), partOf(instrument));
    }

    /** Returns the feed key (the aggregator's and the lease's name) of {@code instrument}'s feed: {@code bithumb:spot#1}. */
    public String feedKey(Instrument instrument) {
        return feedKey(feedId(instrument));
    }

    /** Returns the feed key of the feed {@code feedId}: its dots as colons, {@code binance:spot}, {@code bithumb:spot#1}. */
    public static String feedKey(String feedId) {
        return feedId.replace('.', ':');
    }

    /** Returns the parts of every venue market of the {@link Venues} registry, in start order. */
    public List<Part> all() {
        List<Part> out = new ArrayList<>();
        for (Venues.Venue venue : Venues.ALL) {
            int count = count(venue.exchange());
            for (Market market : new TreeSet<>(venue.markets())) {
                for (int i = 0; i < count; i++) {
                    out.add(new Part(venue, market, new FeedPart(i, count)));
                }
            }
        }
        return out;
    }

    /** Returns the feed ids of {@link #all()}. */
    public List<String> ids() {
        return all().stream().map(Part::feedId).toList();
    }

    /** One feed of a node: part {@code part} of {@code venue}'s {@code market}. */
    public record Part(Venues.Venue venue, Market market, FeedPart part) {
        /** Returns its feed id. */
        public String feedId() {
            return FeedParts.feedId(venue.exchange(), market, part);
        }
    }
}
