package io.candlebus.market;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Market;
import java.util.ArrayList;
import java.util.List;

/** Names the feeds a market node can run: one per Binance market and Bithumb's, by {@link FeedShards#feedId}. */
public final class FeedIds {
    private FeedIds() {}

    /** Every feed id, in deployment order: {@code binance.spot}, {@code binance.usdm}, ... {@code bithumb.spot}. */
    public static List<String> all() {
        List<String> ids = new ArrayList<>();
        for (Market market : Market.values()) {
            ids.add(FeedShards.feedId(Exchange.BINANCE, market));
        }
        ids.add(FeedShards.feedId(Exchange.BITHUMB, Market.SPOT));
        return List.copyOf(ids);
    }
}
