package io.candlebus.market;

import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Market;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Names the feeds a market node can run: one per venue market of the {@link Venues} registry, by {@link FeedShards#feedId}. */
public final class FeedIds {
    private FeedIds() {}

    /** Every feed id, in deployment order: {@code binance.spot}, {@code binance.usdm}, ... {@code upbit.spot}. */
    public static List<String> all() {
        List<String> ids = new ArrayList<>();
        for (Venues.Venue venue : Venues.ALL) {
            for (Market market : new TreeSet<>(venue.markets())) {
                ids.add(FeedShards.feedId(venue.exchange(), market));
            }
        }
        return List.copyOf(ids);
    }
}
