package io.candlebus.sim.orders;

import io.candlebus.contract.Instrument;
import io.candlebus.sim.market.InstrumentSpec;
import io.candlebus.sim.market.SimMarket;
import io.candlebus.sim.market.SimTrade;
import io.candlebus.sim.market.TradeScript;
import java.util.List;

/** What the order engine reads of the market: the time, the instruments and their trades. */
public interface TradeTape {

    /** Returns the sim time now, epoch ms. */
    long now();

    /** Returns the simulated instruments. */
    List<Instrument> instruments();

    /** Returns the units of {@code instrument}, or null if it is not simulated. */
    InstrumentSpec spec(Instrument instrument);

    /** Returns the trades of {@code instrument} with {@code after < time <= upTo}, in time order. */
    List<SimTrade> trades(Instrument instrument, long after, long upTo);

    /** Returns the price units of the last trade of {@code instrument} at or before {@code now}. */
    long lastPrice(Instrument instrument, long now);

    /** Returns the tape of the simulator's market. */
    static TradeTape of(SimMarket market) {
        return new TradeTape() {
            @Override
            public long now() {
                return market.now();
            }

            @Override
            public List<Instrument> instruments() {
                return market.instruments();
            }

            @Override
            public InstrumentSpec spec(Instrument instrument) {
                TradeScript script = market.script(instrument);
                return script == null ? null : script.spec();
            }

            @Override
            public List<SimTrade> trades(Instrument instrument, long after, long upTo) {
                return market.script(instrument).trades(after, upTo);
            }

            @Override
            public long lastPrice(Instrument instrument, long now) {
                TradeScript script = market.script(instrument);
                SimTrade last = script.lastTrade(now);
                // A quiet half hour keeps no trade: the close of the last minute is the last price then.
                return last != null
                        ? last.price()
                        : script.closeBefore(Math.floorDiv(now, TradeScript.MINUTE) * TradeScript.MINUTE);
            }
        };
    }
}
