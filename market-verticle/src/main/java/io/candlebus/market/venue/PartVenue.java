package io.candlebus.market.venue;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.market.BadInputCounter;
import io.candlebus.market.FeedPart;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A venue as one part of its market's feeds sees it ({@link FeedPart}): its names carry the part ({@code
 * market.bithumb#1}, {@code bithumb:spot#1}) and it may open only its share of the venue's connection attempts per
 * second, so the parts together stay within the venue's cap. Everything else is the venue's.
 */
final class PartVenue implements TradeVenue {
    private final TradeVenue venue;
    private final FeedPart part;

    private PartVenue(TradeVenue venue, FeedPart part) {
        this.venue = venue;
        this.part = part;
    }

    /** Returns {@code venue} as part {@code part} sees it: the venue itself for a whole one. */
    static TradeVenue of(TradeVenue venue, FeedPart part) {
        return part.count() == 1 ? venue : new PartVenue(venue, part);
    }

    @Override
    public String component() {
        return venue.component() + part.suffix();
    }

    @Override
    public String feedKey() {
        return venue.feedKey() + part.suffix();
    }

    @Override
    public int connectsPerSecond() {
        return part.share(venue.connectsPerSecond());
    }

    @Override
    public String wsUrl() {
        return venue.wsUrl();
    }

    @Override
    public BadInputCounter badInput() {
        return venue.badInput();
    }

    @Override
    public Reader reader(Function<String, Instrument> codes) {
        return venue.reader(codes);
    }

    @Override
    public String subscription(Collection<String> codes) {
        return venue.subscription(codes);
    }

    @Override
    public Future<Set<String>> loadMarkets() {
        return venue.loadMarkets();
    }

    @Override
    public int pageCount() {
        return venue.pageCount();
    }

    @Override
    public Future<List<Candle>> candlePage(Instrument instrument, long pageTo) {
        return venue.candlePage(instrument, pageTo);
    }

    @Override
    public long restUsed() {
        return venue.restUsed();
    }

    @Override
    public long bannedUntil() {
        return venue.bannedUntil();
    }

    @Override
    public void registerCounters(FeedCounters counters) {
        venue.registerCounters(counters);
    }
}
