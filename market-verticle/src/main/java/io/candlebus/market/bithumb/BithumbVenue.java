package io.candlebus.market.bithumb;

import io.candlebus.contract.Instrument;
import io.candlebus.market.Endpoint;
import io.candlebus.market.RestClient;
import io.candlebus.market.SlidingWindowLimiter;
import io.candlebus.market.venue.V1Venue;
import io.vertx.core.Future;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Bithumb as a {@link io.candlebus.market.venue.TradeVenue} ({@link V1Venue}): trades over {@code /websocket/v1}
 * (binary frames of UTF-8 JSON, {@code sequential_id} a digit string), closed 1m candles paged backwards with a
 * naive KST {@code to}. Bithumb sends no rate-limit header: the REST requests of the last second are counted
 * here for the stream status.
 */
final class BithumbVenue extends V1Venue {
    private static final DateTimeFormatter KST_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset KST = ZoneOffset.ofHours(9);
    /** Bithumb's limit on connection attempts per IP, per second of real time. */
    private static final int CONNECTS_PER_SECOND = 10;

    private final RestClient rest;
    /** REST requests in the last real second: Bithumb sends no weight header, so this is the REST load. */
    private final SlidingWindowLimiter restRequests = new SlidingWindowLimiter(Integer.MAX_VALUE, 1_000);

    BithumbVenue(RestClient rest, Endpoint endpoint) {
        super(
                "market.bithumb",
                "bithumb:spot",
                endpoint,
                CONNECTS_PER_SECOND,
                LoggerFactory.getLogger(BithumbFeed.class));
        this.rest = rest;
    }

    @Override
    public Reader reader(Function<String, Instrument> codes) {
        BithumbTradeParser parser = new BithumbTradeParser(codes);
        return (utf8, to) -> {
            BithumbMessage message = parser.parse(utf8);
            if (message instanceof BithumbMessage.TradeMessage t) {
                to.trade(t.trade(), t.snapshot());
            } else if (message instanceof BithumbMessage.StatusUp) {
                to.statusUp();
            } else if (message instanceof BithumbMessage.Error e) {
                to.venueError(e.name(), e.message());
            } else {
                to.ignored();
            }
        };
    }

    @Override
    protected Future<byte[]> get(String url, Map<String, String> query) {
        restRequests.tryAcquire(realMillis());
        return rest.get(url, query);
    }

    @Override
    protected String candleTo(long pageTo) {
        return kstTo(pageTo);
    }

    /** Returns a candle request's {@code to}: the exclusive bound as naive KST, {@code 2026-01-01 09:02:00}. */
    static String kstTo(long epochMillis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, KST)
                .format(KST_FORMAT);
    }

    @Override
    public long restUsed() {
        return restRequests.used(realMillis());
    }

    private static long realMillis() {
        return System.nanoTime() / 1_000_000;
    }
}
