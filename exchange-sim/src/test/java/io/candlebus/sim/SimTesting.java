package io.candlebus.sim;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Shared set-up of the simulator tests: a fixed start, a fast clock and a quiet-ish Bithumb market. */
public final class SimTesting {
    /** 2026-01-01T00:00:05Z: a fixed start keeps every run's trades identical. */
    public static final long START = 1_767_225_605_000L;

    public static final Instrument SPOT_BTC = Instrument.parse("binance:spot:BTCUSDT");
    public static final Instrument SPOT_ETH = Instrument.parse("binance:spot:ETHUSDT");
    public static final Instrument USDM_BTC = Instrument.parse("binance:usdm:BTCUSDT");
    public static final Instrument COINM_BTC = Instrument.parse("binance:coinm:BTCUSD_PERP");
    public static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    public static final Instrument KRW_ETH = Instrument.parse("bithumb:spot:KRW-ETH");

    private SimTesting() {}

    /** Returns the demo instruments (KRW-ETH with more empty minutes) at {@code speed}, 180 minutes of history. */
    public static SimConfig config(double speed) {
        List<SimInstrument> instruments = SimConfig.demoInstruments().stream()
                .map(i -> i.instrument().equals(KRW_ETH) ? i.withEmptyMinuteProbability(0.15) : i)
                .toList();
        return SimConfig.defaults()
                .withSeed(7)
                .withSpeed(speed)
                .withStartTime(START)
                .withHistoryMinutes(180)
                .withInstruments(instruments);
    }

    public static final Instrument UPBIT_BTC = Instrument.parse("upbit:spot:KRW-BTC");
    public static final Instrument UPBIT_ETH = Instrument.parse("upbit:spot:KRW-ETH");

    /** Returns {@link #config} with the two Upbit demo markets added (KRW-ETH with more empty minutes). */
    public static SimConfig withUpbit(double speed) {
        SimConfig base = config(speed);
        List<SimInstrument> instruments = new java.util.ArrayList<>(base.instruments());
        SimConfig.upbitDemoInstruments().stream()
                .map(i -> i.instrument().equals(UPBIT_ETH) ? i.withEmptyMinuteProbability(0.15) : i)
                .forEach(instruments::add);
        return base.withInstruments(instruments);
    }

    /** Waits for {@code future} from a test thread, at most 20 s. */
    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }

    /** Returns the truth candle of {@code instrument} opening at {@code openTime}, or null. */
    public static Candle truthAt(ExchangeSimulator sim, Instrument instrument, long openTime) {
        for (Candle c : sim.truth(instrument)) {
            if (c.openTime() == openTime) {
                return c;
            }
        }
        return null;
    }
}
