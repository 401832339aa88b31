package io.candlebus.launcher;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Trade;
import io.candlebus.market.BadInputException;
import io.candlebus.market.bithumb.BithumbMessage;
import io.candlebus.market.bithumb.BithumbTradeParser;
import io.candlebus.market.candle.CandleAggregator;
import io.candlebus.market.candle.StreamKey;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The market half of the bench, laid out like {@code MarketVerticle}: raw websocket frame bytes through
 * the real Bithumb parser (its byte entry point, as the feed calls it), trades published on {@code market.trades} and consumed on the same event loop
 * by the real {@link CandleAggregator}, closed candles on {@code candles.closed}, and the 1m candle in
 * progress on {@code candles.live} after every trade (unthrottled, so every message gets a band).
 */
final class BenchMarketVerticle extends VerticleBase {
    private final BenchStamps stamps;
    private final Map<String, Instrument> instruments = new HashMap<>();
    private final BithumbTradeParser parser = new BithumbTradeParser(this::instrumentOf);
    private final CandleAggregator aggregator =
            new CandleAggregator(List.of(Interval.M1, Interval.M5), 2_000, 30_000, this::onClosed);
    private long published;
    private long received;
    private long lives;
    private long badInput;

    BenchMarketVerticle(BenchStamps stamps) {
        this.stamps = stamps;
    }

    @Override
    public Future<?> start() {
        return vertx.eventBus()
                .<Trade>localConsumer(Addresses.MARKET_TRADES, this::onTrade)
                .completion();
    }

    Context context() {
        return context;
    }

    long badInput() {
        return badInput;
    }

    /** Handles raw messages as the feed's websocket handler would; {@code stamps} are their injection times. */
    void onRaw(byte[][] batch, long[] injected) {
        for (int i = 0; i < batch.length; i++) {
            BithumbMessage message;
            try {
                message = parser.parse(batch[i]);
            } catch (BadInputException | RuntimeException e) {
                badInput++;
                stamps.done();
                continue;
            }
            if (message instanceof BithumbMessage.TradeMessage t) {
                stamps.trade(published++, injected[i]);
                vertx.eventBus().publish(Addresses.MARKET_TRADES, t.trade());
            } else {
                stamps.done();
            }
        }
    }

    private void onTrade(Message<Trade> message) {
        Trade trade = message.body();
        long stamp = stamps.trade(received++);
        aggregator.onTrade(trade);
        Candle live = aggregator.live(new StreamKey(trade.instrument(), Interval.M1));
        if (live == null) {
            stamps.done();
            return;
        }
        stamps.live(lives++, stamp);
        vertx.eventBus().publish(Addresses.CANDLES_LIVE, live);
    }

    private void onClosed(Candle candle) {
        vertx.eventBus().publish(Addresses.CANDLES_CLOSED, candle);
    }

    private Instrument instrumentOf(String code) {
        return instruments.computeIfAbsent(code, c -> {
            try {
                return Instrument.of("bithumb", "spot", c);
            } catch (IllegalArgumentException e) {
                return null;
            }
        });
    }
}
