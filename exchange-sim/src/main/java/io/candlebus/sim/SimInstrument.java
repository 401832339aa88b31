package io.candlebus.sim;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Describes one simulated instrument: where its price starts, its price tick and quantity step, how
 * busy it is and how often a minute passes without any trade.
 *
 * @param instrument the instrument the simulator serves
 * @param startPrice the price the random walk starts from and reverts to
 * @param tickSize the price step; every trade price is a whole multiple of it
 * @param lotSize the quantity step; every trade quantity is a whole multiple of it (contracts for COIN-M)
 * @param tradesPerMinute the mean number of trades in a minute that has trades
 * @param contractSize the USD value of one contract for COIN-M instruments, null otherwise
 * @param emptyMinuteProbability the probability that a minute has no trade at all
 * @param meanQuantity the mean trade quantity (a multiple of lotSize is drawn around it)
 * @param quiet whether its Binance kline streams push only on change: nothing at all while it has no
 *     trades (not even the closing {@code x:true} of a minute without trades), so with a high
 *     {@code emptyMinuteProbability} a stream stays silent for minutes on a live connection
 */
public record SimInstrument(
        Instrument instrument,
        BigDecimal startPrice,
        BigDecimal tickSize,
        BigDecimal lotSize,
        double tradesPerMinute,
        BigDecimal contractSize,
        double emptyMinuteProbability,
        BigDecimal meanQuantity,
        boolean quiet) {

    /** The share of minutes without trades when nothing else is said. */
    public static final double DEFAULT_EMPTY_MINUTE_PROBABILITY = 0.03;

    public SimInstrument {
        Objects.requireNonNull(instrument, "simInstrument.instrument: expected a value, was null");
        positive(startPrice, "startPrice");
        positive(tickSize, "tickSize");
        positive(lotSize, "lotSize");
        positive(meanQuantity, "meanQuantity");
        if (!(tradesPerMinute >= 0.1 && tradesPerMinute <= 5_000)) {
            throw new IllegalArgumentException(
                    "simInstrument.tradesPerMinute: expected 0.1..5000, was " + tradesPerMinute);
        }
        if (!(emptyMinuteProbability >= 0 && emptyMinuteProbability < 1)) {
            throw new IllegalArgumentException(
                    "simInstrument.emptyMinuteProbability: expected 0 <= p < 1, was " + emptyMinuteProbability);
        }
        boolean inverse = instrument.market() == Market.COINM;
        if (inverse && contractSize == null) {
            throw new IllegalArgumentException(
                    "simInstrument.contractSize: expected a contract size for COIN-M " + instrument + ", was null");
        }
        if (!inverse && contractSize != null) {
            throw new IllegalArgumentException("simInstrument.contractSize: expected null for " + instrument + ", was "
                    + contractSize.toPlainString());
        }
        if (contractSize != null) {
            positive(contractSize, "contractSize");
        }
        if (startPrice.compareTo(tickSize) < 0) {
            throw new IllegalArgumentException("simInstrument.startPrice: expected >= tickSize "
                    + tickSize.toPlainString() + ", was " + startPrice.toPlainString());
        }
    }

    /**
     * Returns a linear (spot or USDT-M or Bithumb) instrument with the default empty-minute probability
     * and a mean trade quantity of 1000 lots.
     */
    public static SimInstrument of(
            String key, String startPrice, String tickSize, String lotSize, double tradesPerMinute) {
        BigDecimal lot = new BigDecimal(lotSize);
        return new SimInstrument(
                Instrument.parse(key),
                new BigDecimal(startPrice),
                new BigDecimal(tickSize),
                lot,
                tradesPerMinute,
                null,
                DEFAULT_EMPTY_MINUTE_PROBABILITY,
                lot.multiply(BigDecimal.valueOf(1000)),
                false);
    }

    /** Returns a COIN-M instrument whose quantities are contracts of {@code contractSize} USD. */
    public static SimInstrument inverse(
            String key, String startPrice, String tickSize, String contractSize, double tradesPerMinute) {
        return new SimInstrument(
                Instrument.parse(key),
                new BigDecimal(startPrice),
                new BigDecimal(tickSize),
                BigDecimal.ONE,
                tradesPerMinute,
                new BigDecimal(contractSize),
                DEFAULT_EMPTY_MINUTE_PROBABILITY,
                BigDecimal.valueOf(20),
                false);
    }

    /** Returns this instrument with another probability of minutes without trades. */
    public SimInstrument withEmptyMinuteProbability(double probability) {
        return toBuilder().emptyMinuteProbability(probability).build();
    }

    /** Returns this instrument with another mean number of trades per minute. */
    public SimInstrument withTradesPerMinute(double perMinute) {
        return toBuilder().tradesPerMinute(perMinute).build();
    }

    /** Returns this instrument with another mean trade quantity. */
    public SimInstrument withMeanQuantity(String quantity) {
        return toBuilder().meanQuantity(new BigDecimal(quantity)).build();
    }

    /** Returns this instrument pushing its Binance klines only on change (or always, if false). */
    public SimInstrument withQuiet(boolean pushOnlyOnChange) {
        return toBuilder().quiet(pushOnlyOnChange).build();
    }

    /**
     * Returns a builder holding this instrument's values: the one place that copies every component, so a
     * new one is added to the record, its check, {@link #of}, {@link #inverse} and {@link SimInstrumentBuilder}.
     */
    public SimInstrumentBuilder toBuilder() {
        return new SimInstrumentBuilder(this);
    }

    private static void positive(BigDecimal value, String field) {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException("simInstrument." + field + ": expected > 0, was "
                    + (value == null ? "null" : value.toPlainString()));
        }
    }
}
