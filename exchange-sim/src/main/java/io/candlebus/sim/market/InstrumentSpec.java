package io.candlebus.sim.market;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.sim.SimInstrument;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Maps an instrument's decimals onto integer units so generation and aggregation stay exact and cheap:
 * a price is {@code units * 10^-priceScale}, a quantity {@code units * 10^-quantityScale}, a quote amount
 * {@code units * 10^-quoteScale}.
 */
public final class InstrumentSpec {
    /** Decimals of COIN-M base amounts: each term contracts*size/price is rounded to this many. */
    public static final int INVERSE_SCALE = 8;

    private final SimInstrument sim;
    private final int priceScale;
    private final long tickUnits;
    private final int quantityScale;
    private final long lotUnits;
    private final int quoteScale;
    private final long startPriceUnits;

    /** Derives the units of {@code sim}. */
    public InstrumentSpec(SimInstrument sim) {
        this.sim = sim;
        this.priceScale = Math.max(0, sim.tickSize().stripTrailingZeros().scale());
        this.tickUnits = sim.tickSize().movePointRight(priceScale).longValueExact();
        this.quantityScale = Math.max(0, sim.lotSize().stripTrailingZeros().scale());
        this.lotUnits = sim.lotSize().movePointRight(quantityScale).longValueExact();
        this.quoteScale = isInverse() ? INVERSE_SCALE : priceScale + quantityScale;
        BigDecimal ticks = sim.startPrice().divide(sim.tickSize(), 0, RoundingMode.HALF_EVEN);
        this.startPriceUnits = Math.max(1, ticks.longValueExact()) * tickUnits;
    }

    /** Returns the simulated instrument. */
    public SimInstrument sim() {
        return sim;
    }

    /** Returns the instrument. */
    public Instrument instrument() {
        return sim.instrument();
    }

    /** Returns whether quantities are COIN-M contracts and quote amounts are base amounts. */
    public boolean isInverse() {
        return sim.instrument().market() == Market.COINM;
    }

    /**
     * Returns whether the venue speaks Upbit's v1 quotation API, as Upbit and Bithumb (which copies it) do: no
     * candle for a bucket without trades, {@code sequential_id} trade ids.
     */
    public boolean speaksUpbitApi() {
        Exchange exchange = sim.instrument().exchange();
        return exchange == Exchange.BITHUMB || exchange == Exchange.UPBIT;
    }

    long tickUnits() {
        return tickUnits;
    }

    long lotUnits() {
        return lotUnits;
    }

    long startPriceUnits() {
        return startPriceUnits;
    }

    /** Returns the price of {@code units}, at the tick's scale. */
    public BigDecimal price(long units) {
        return BigDecimal.valueOf(units, priceScale);
    }

    /** Returns the quantity of {@code units}, at the lot's scale. */
    public BigDecimal quantity(long units) {
        return BigDecimal.valueOf(units, quantityScale);
    }

    /** Returns the quote amount of {@code units} (COIN-M: the base amount). */
    public BigDecimal quote(long units) {
        return BigDecimal.valueOf(units, quoteScale);
    }

    /** Returns the quote units of one trade of {@code quantityUnits} at {@code priceUnits}. */
    long quoteOf(long priceUnits, long quantityUnits) {
        if (!isInverse()) {
            return Math.multiplyExact(priceUnits, quantityUnits);
        }
        BigDecimal base = quantity(quantityUnits)
                .multiply(sim.contractSize())
                .divide(price(priceUnits), INVERSE_SCALE, RoundingMode.HALF_EVEN);
        return base.unscaledValue().longValueExact();
    }

    /** Returns {@code bar} as a contract candle. */
    public Candle candle(Bar bar, Interval interval, boolean closed, CandleSource source) {
        return new Candle(
                instrument(),
                interval,
                bar.openTime(),
                price(bar.open()),
                price(bar.high()),
                price(bar.low()),
                price(bar.close()),
                quantity(bar.volume()),
                quote(bar.quote()),
                bar.count(),
                quantity(bar.takerBuyVolume()),
                quote(bar.takerBuyQuote()),
                closed,
                source);
    }

    /** Returns {@code trade} as a contract trade. */
    public Trade trade(SimTrade trade) {
        return new Trade(
                instrument(),
                price(trade.price()),
                quantity(trade.quantity()),
                trade.time(),
                trade.buyerTaker() ? Side.BUY : Side.SELL,
                trade.id());
    }
}
