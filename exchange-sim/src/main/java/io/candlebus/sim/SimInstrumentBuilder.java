package io.candlebus.sim;

import io.candlebus.contract.Instrument;
import java.math.BigDecimal;

/**
 * Changes some settings of a {@link SimInstrument} and keeps the rest ({@link SimInstrument#toBuilder()});
 * {@link #build()} runs the record's checks, so a builder never yields an invalid instrument.
 */
public final class SimInstrumentBuilder {
    private Instrument instrument;
    private BigDecimal startPrice;
    private BigDecimal tickSize;
    private BigDecimal lotSize;
    private double tradesPerMinute;
    private BigDecimal contractSize;
    private double emptyMinuteProbability;
    private BigDecimal meanQuantity;
    private boolean quiet;

    SimInstrumentBuilder(SimInstrument i) {
        instrument = i.instrument();
        startPrice = i.startPrice();
        tickSize = i.tickSize();
        lotSize = i.lotSize();
        tradesPerMinute = i.tradesPerMinute();
        contractSize = i.contractSize();
        emptyMinuteProbability = i.emptyMinuteProbability();
        meanQuantity = i.meanQuantity();
        quiet = i.quiet();
    }

    /** Returns the instrument these values make; throws {@link IllegalArgumentException} as the record does. */
    public SimInstrument build() {
        return new SimInstrument(
                instrument,
                startPrice,
                tickSize,
                lotSize,
                tradesPerMinute,
                contractSize,
                emptyMinuteProbability,
                meanQuantity,
                quiet);
    }

    public SimInstrumentBuilder instrument(Instrument value) {
        instrument = value;
        return this;
    }

    public SimInstrumentBuilder startPrice(BigDecimal value) {
        startPrice = value;
        return this;
    }

    public SimInstrumentBuilder tickSize(BigDecimal value) {
        tickSize = value;
        return this;
    }

    public SimInstrumentBuilder lotSize(BigDecimal value) {
        lotSize = value;
        return this;
    }

    public SimInstrumentBuilder tradesPerMinute(double value) {
        tradesPerMinute = value;
        return this;
    }

    public SimInstrumentBuilder contractSize(BigDecimal value) {
        contractSize = value;
        return this;
    }

    public SimInstrumentBuilder emptyMinuteProbability(double value) {
        emptyMinuteProbability = value;
        return this;
    }

    public SimInstrumentBuilder meanQuantity(BigDecimal value) {
        meanQuantity = value;
        return this;
    }

    public SimInstrumentBuilder quiet(boolean value) {
        quiet = value;
        return this;
    }
}
