package io.candlebus.sim.orders;

import io.candlebus.contract.Instrument;
import io.candlebus.sim.SimInstrument;
import io.candlebus.sim.market.InstrumentSpec;
import io.candlebus.sim.market.SimTrade;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A hand-written trade tape: the test sets the time and prints trades, priced as decimals. */
public final class FakeTape implements TradeTape {
    public static final Instrument BTCUSDT = Instrument.parse("binance:spot:BTCUSDT");
    public static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    public static final Instrument USDM_BTC = Instrument.parse("binance:usdm:BTCUSDT");
    public static final Instrument COINM_BTC = Instrument.parse("binance:coinm:BTCUSD_PERP");

    private final Map<Instrument, InstrumentSpec> specs = new LinkedHashMap<>();
    private final Map<Instrument, List<SimTrade>> trades = new LinkedHashMap<>();
    private long now = 1_767_225_600_000L;
    private long nextId = 1;

    public FakeTape() {
        add(SimInstrument.of(BTCUSDT.key(), "87000.00", "0.01", "0.00001", 100));
        add(SimInstrument.of(KRW_BTC.key(), "131000000", "1000", "0.0001", 60));
        add(SimInstrument.of(USDM_BTC.key(), "87010.0", "0.1", "0.001", 150));
        add(SimInstrument.inverse(COINM_BTC.key(), "87020.0", "0.1", "100", 40));
    }

    private void add(SimInstrument sim) {
        InstrumentSpec spec = new InstrumentSpec(sim);
        specs.put(sim.instrument(), spec);
        trades.put(sim.instrument(), new ArrayList<>());
        print(sim.instrument(), sim.startPrice().toPlainString(), sim.lotSize().toPlainString());
    }

    /** Advances the clock by a second and prints a trade at the new time. */
    public void print(Instrument instrument, String price, String quantity) {
        now += 1_000;
        InstrumentSpec spec = specs.get(instrument);
        long p = units(new BigDecimal(price), spec.price(1));
        long q = units(new BigDecimal(quantity), spec.quantity(1));
        trades.get(instrument).add(new SimTrade(now, p, q, true, nextId++, p * q));
    }

    private static long units(BigDecimal value, BigDecimal unit) {
        return value.divide(unit).longValueExact();
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public List<Instrument> instruments() {
        return List.copyOf(specs.keySet());
    }

    @Override
    public InstrumentSpec spec(Instrument instrument) {
        return specs.get(instrument);
    }

    @Override
    public List<SimTrade> trades(Instrument instrument, long after, long upTo) {
        return trades.get(instrument).stream()
                .filter(t -> t.time() > after && t.time() <= upTo)
                .toList();
    }

    @Override
    public long lastPrice(Instrument instrument, long at) {
        SimTrade last = null;
        for (SimTrade t : trades.get(instrument)) {
            if (t.time() <= at) {
                last = t;
            }
        }
        return last.price();
    }
}
