package io.candlebus.sim.market;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.candlebus.sim.SimClock;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.SimInstrument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Holds the trade script of every simulated instrument and the clock that drives them. */
public final class SimMarket {
    /** How long trades stay available to the streams (sim time). */
    public static final long TRADE_WINDOW_MILLIS = 30 * TradeScript.MINUTE;

    private final SimClock clock;
    private final long origin;
    private final Map<Instrument, TradeScript> scripts = new LinkedHashMap<>();

    /** Creates the scripts of {@code config}'s instruments; history starts {@code historyMinutes} before the clock. */
    public SimMarket(SimConfig config, SimClock clock) {
        this.clock = clock;
        long startMinute = Math.floorDiv(clock.startMillis(), TradeScript.MINUTE) * TradeScript.MINUTE;
        this.origin = startMinute - config.historyMinutes() * TradeScript.MINUTE;
        for (SimInstrument i : config.instruments()) {
            scripts.put(
                    i.instrument(), new TradeScript(new InstrumentSpec(i), config.seed(), origin, TRADE_WINDOW_MILLIS));
        }
    }

    /** Returns the clock. */
    public SimClock clock() {
        return clock;
    }

    /** Returns the sim time now, epoch ms. */
    public long now() {
        return clock.millis();
    }

    /** Returns the first simulated minute, epoch ms. */
    public long origin() {
        return origin;
    }

    /** Generates every instrument up to the current sim time. */
    public void advance() {
        long now = clock.millis();
        for (TradeScript s : scripts.values()) {
            s.advanceTo(now);
        }
    }

    /** Returns the simulated instruments in configuration order. */
    public List<Instrument> instruments() {
        return List.copyOf(scripts.keySet());
    }

    /** Returns the script of {@code instrument}, or null if it is not simulated. */
    public TradeScript script(Instrument instrument) {
        return scripts.get(instrument);
    }

    /** Returns the script of the Binance {@code market} instrument whose symbol is {@code symbol}, or null. */
    public TradeScript binance(Market market, String symbol) {
        return scripts.get(new Instrument(Exchange.BINANCE, market, symbol));
    }

    /** Returns the scripts of one venue and market in configuration order. */
    public List<TradeScript> scripts(Exchange exchange, Market market) {
        List<TradeScript> out = new ArrayList<>();
        for (TradeScript s : scripts.values()) {
            if (s.spec().instrument().exchange() == exchange
                    && s.spec().instrument().market() == market) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Returns every 1m candle of {@code instrument} closed by now, oldest first: a minute without trades
     * is a flat zero-volume candle at the previous close on both venues (as Binance sends it, and as
     * candlebus publishes it for Bithumb and Upbit, whose REST omits it; ADR 0004). A Bithumb or Upbit list
     * starts at the first minute with a trade.
     */
    public List<Candle> truth(Instrument instrument) {
        TradeScript script = scripts.get(instrument);
        if (script == null) {
            throw new IllegalArgumentException(
                    "instrument: expected one of " + scripts.keySet() + ", was '" + instrument + "'");
        }
        InstrumentSpec spec = script.spec();
        List<Candle> out = new ArrayList<>();
        for (Bar bar : script.closedMinutes(clock.millis())) {
            // Bithumb's and Upbit's REST have nothing before the first trade, so no close a flat minute could repeat.
            if (spec.speaksUpbitApi() && out.isEmpty() && bar.isEmpty()) {
                continue;
            }
            out.add(spec.candle(bar, Interval.M1, true, CandleSource.REST));
        }
        return out;
    }
}
