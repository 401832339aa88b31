package io.candlebus.order;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.contract.TradeBatch;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The market a paper node observes in tests: the simulator for its public exchangeInfo (the paper broker's
 * venue rules), and trades of one instrument published on {@code market.trades} every 20 ms at a price the
 * test sets, as the market verticle would publish them.
 */
public final class TestMarket {
    public final ExchangeSimulator sim;
    public final AtomicReference<BigDecimal> price;
    public final AtomicReference<BigDecimal> size = new AtomicReference<>(BigDecimal.ONE);
    private final long timer;
    private final Vertx vertx;

    private TestMarket(Vertx vertx, ExchangeSimulator sim, Instrument instrument, BigDecimal start) {
        this.vertx = vertx;
        this.sim = sim;
        this.price = new AtomicReference<>(start);
        AtomicLong ids = new AtomicLong();
        this.timer = vertx.setPeriodic(20, id -> vertx.eventBus()
                .publish(
                        Addresses.MARKET_TRADES,
                        TradeBatch.of(new Trade(
                                instrument,
                                price.get(),
                                size.get(),
                                System.currentTimeMillis(),
                                Side.BUY,
                                ids.incrementAndGet()))));
    }

    /** Starts the simulator and trades of {@code instrument} at {@code start}; blocks until the simulator runs. */
    public static TestMarket start(Vertx vertx, Instrument instrument, String start) {
        ExchangeSimulator sim = ExchangeSimulator.start(
                        vertx, SimConfig.defaults().withSeed(5).withSpeed(1).withHistoryMinutes(1))
                .await();
        return new TestMarket(vertx, sim, instrument, new BigDecimal(start));
    }

    /** Returns the simulator's order endpoints, where the paper broker reads exchangeInfo. */
    public OrderEndpoints endpoints() {
        return new OrderEndpoints(
                sim.bithumbRestUrl(),
                sim.binanceRestUrl(Market.SPOT),
                sim.binanceRestUrl(Market.USDM),
                sim.binanceRestUrl(Market.COINM));
    }

    /** Stops the trades and the simulator. */
    public void stop() {
        vertx.cancelTimer(timer);
        sim.close().await();
    }
}
