package io.candlebus.sim.market;

import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Generates the one trade sequence of an instrument, minute by minute from its origin, from a seeded
 * random source. The same seed, instrument and origin always give the same trades whenever and in
 * whatever steps time advances, so REST history and websocket pushes agree exactly. Minute bars are
 * kept for all time; trades only for a recent window (what the streams still need).
 *
 * <p>Prices follow a mean-reverting random walk of their relative distance from the start price (a day moves a few percent and bands
 * get crossed) with volatility regimes; a trade is priced at the tick above the fair value if the taker
 * buys and below if it sells. Methods are synchronized because the event loop and test threads read it.
 */
public final class TradeScript {
    /** One minute in milliseconds. */
    public static final long MINUTE = 60_000L;
    /** The first Binance trade id of every instrument. */
    public static final long FIRST_TRADE_ID = 1_000_000_000L;

    private static final double MINUTE_SIGMA = 0.0009;
    private static final double REVERSION_PER_MINUTE = 0.002;
    private static final double REGIME_CHANGE_PROBABILITY = 0.02;
    private static final double[] REGIMES = {0.5, 1.0, 1.0, 1.0, 1.7, 2.6};
    private static final double QUANTITY_SIGMA = 0.9;
    private static final double SQRT_3 = Math.sqrt(3.0);
    /** Log-normal quantity multipliers with mean 1, drawn once from a fixed seed: cheaper than exp per trade. */
    private static final double[] QUANTITY_MULTIPLIERS = quantityMultipliers();

    private final InstrumentSpec spec;
    private final Random random;
    private final long origin;
    private final long tradeWindowMillis;
    private final double startTicks;
    private final double meanLots;
    private final List<Bar> bars = new ArrayList<>();
    private final TreeMap<Long, SimTrade[]> tapes = new TreeMap<>();
    private int[] highestIndex = new int[1024];
    private int[] lowestIndex = new int[1024];
    private long nextMinute;
    private long nextTradeId = FIRST_TRADE_ID;
    private long lastClose;
    private double deviation;
    private double regime = 1.0;

    /**
     * Creates the script of {@code spec}; {@code origin} (minute-aligned epoch ms) is its first minute and
     * trades are kept for {@code tradeWindowMillis} before the current minute.
     */
    public TradeScript(InstrumentSpec spec, long seed, long origin, long tradeWindowMillis) {
        if (Math.floorMod(origin, MINUTE) != 0) {
            throw new IllegalArgumentException("tradeScript.origin: expected a whole minute, was " + origin);
        }
        this.spec = spec;
        this.random = new Random(mix(seed, spec.instrument().key()));
        this.origin = origin;
        this.tradeWindowMillis = tradeWindowMillis;
        this.startTicks = (double) (spec.startPriceUnits() / spec.tickUnits());
        this.meanLots = spec.sim()
                .meanQuantity()
                .divide(spec.sim().lotSize(), MathContext.DECIMAL64)
                .doubleValue();
        this.nextMinute = origin;
        this.lastClose = spec.startPriceUnits();
    }

    /** Returns the instrument's units. */
    public InstrumentSpec spec() {
        return spec;
    }

    /** Returns the first minute that has trades (or not), epoch ms. */
    public long origin() {
        return origin;
    }

    /** Generates every minute up to and including the one containing {@code now}. */
    public synchronized void advanceTo(long now) {
        long current = Math.floorDiv(now, MINUTE) * MINUTE;
        long keepFrom = current - tradeWindowMillis;
        while (nextMinute <= current) {
            generate(nextMinute, nextMinute >= keepFrom);
            nextMinute += MINUTE;
        }
        while (!tapes.isEmpty() && tapes.firstKey() < keepFrom) {
            tapes.pollFirstEntry();
        }
    }

    /**
     * Returns the bar of {@code [openTime, openTime + length)} as visible at {@code now} (trades after
     * {@code now} left out), or null if no minute of it has begun or it lies before the origin. Minutes
     * before the origin are simply missing from a bar that straddles it.
     */
    public synchronized Bar bar(long openTime, long length, long now) {
        advanceTo(now);
        long from = Math.max(openTime, origin);
        long end = Math.min(openTime + length, Math.floorDiv(now, MINUTE) * MINUTE + MINUTE);
        if (from >= end) {
            return null;
        }
        BarBuilder builder = new BarBuilder(openTime, closeBefore(from));
        for (long m = from; m < end; m += MINUTE) {
            builder.add(minute(m, now));
        }
        return builder.build();
    }

    /**
     * Returns the aggregate of the minutes from {@code from} (minute-aligned) up to and including
     * {@code trade}, which must be a trade this script kept.
     */
    public synchronized Bar barUpTo(long from, SimTrade trade) {
        long tradeMinute = Math.floorDiv(trade.time(), MINUTE) * MINUTE;
        long start = Math.max(from, origin);
        BarBuilder builder = new BarBuilder(from, closeBefore(Math.min(start, tradeMinute)));
        for (long m = start; m < tradeMinute; m += MINUTE) {
            builder.add(bars.get(index(m)));
        }
        SimTrade[] tape = tapes.get(tradeMinute);
        if (tape == null) {
            throw new IllegalStateException("tradeScript: trade at " + trade.time() + " is outside the window");
        }
        for (SimTrade t : tape) {
            builder.add(t);
            if (t == trade) {
                break;
            }
        }
        return builder.build();
    }

    /** Returns the kept trades with {@code after < time <= upTo}, in time order. */
    public synchronized List<SimTrade> trades(long after, long upTo) {
        advanceTo(upTo);
        List<SimTrade> out = new ArrayList<>();
        long fromMinute = Math.floorDiv(after, MINUTE) * MINUTE;
        for (Map.Entry<Long, SimTrade[]> e : tapes.tailMap(fromMinute, true).entrySet()) {
            if (e.getKey() > upTo) {
                break;
            }
            for (SimTrade t : e.getValue()) {
                if (t.time() > after && t.time() <= upTo) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** Returns the last kept trade at or before {@code now}, or null if the window holds none. */
    public synchronized SimTrade lastTrade(long now) {
        advanceTo(now);
        for (SimTrade[] tape : tapes.headMap(now, true).descendingMap().values()) {
            for (int i = tape.length - 1; i >= 0; i--) {
                if (tape[i].time() <= now) {
                    return tape[i];
                }
            }
        }
        return null;
    }

    /** Returns every minute bar that closed at or before {@code now}, oldest first. */
    public synchronized List<Bar> closedMinutes(long now) {
        advanceTo(now);
        long closed = Math.max(0, Math.floorDiv(now - origin, MINUTE));
        return List.copyOf(bars.subList(0, (int) Math.min(closed, bars.size())));
    }

    private Bar minute(long openTime, long now) {
        if (openTime + MINUTE <= now) {
            return bars.get(index(openTime));
        }
        SimTrade[] tape = tapes.get(openTime);
        if (tape == null) {
            throw new IllegalStateException("tradeScript: the current minute " + openTime + " has no tape");
        }
        BarBuilder builder = new BarBuilder(openTime, closeBefore(openTime));
        for (SimTrade t : tape) {
            if (t.time() > now) {
                break;
            }
            builder.add(t);
        }
        return builder.build();
    }

    /**
     * Returns the close (price units) of the last minute before {@code minute}, or the start price if
     * {@code minute} is at or before the origin. The minute before must have been generated.
     */
    public synchronized long closeBefore(long minute) {
        if (minute <= origin) {
            return spec.startPriceUnits();
        }
        return bars.get(Math.min(index(minute), bars.size()) - 1).close();
    }

    /**
     * Returns the bars with the highest high and the lowest low among the minutes before {@code minute},
     * as {@code [highest, lowest]}, or null if none of them had a trade.
     */
    public synchronized Bar[] extremesBefore(long minute) {
        int i = Math.min(index(Math.max(minute, origin)), bars.size()) - 1;
        if (i < 0 || highestIndex[i] < 0) {
            return null;
        }
        return new Bar[] {bars.get(highestIndex[i]), bars.get(lowestIndex[i])};
    }

    private void addBar(Bar bar) {
        int i = bars.size();
        bars.add(bar);
        if (i == highestIndex.length) {
            highestIndex = Arrays.copyOf(highestIndex, i * 2);
            lowestIndex = Arrays.copyOf(lowestIndex, i * 2);
        }
        int high = i == 0 ? -1 : highestIndex[i - 1];
        int low = i == 0 ? -1 : lowestIndex[i - 1];
        if (!bar.isEmpty()) {
            high = high < 0 || bar.high() > bars.get(high).high() ? i : high;
            low = low < 0 || bar.low() < bars.get(low).low() ? i : low;
        }
        highestIndex[i] = high;
        lowestIndex[i] = low;
    }

    private int index(long minute) {
        return (int) ((minute - origin) / MINUTE);
    }

    private void generate(long openTime, boolean keepTrades) {
        if (random.nextDouble() < REGIME_CHANGE_PROBABILITY) {
            regime = REGIMES[random.nextInt(REGIMES.length)];
        }
        double sigma = MINUTE_SIGMA * regime;
        if (random.nextDouble() < spec.sim().emptyMinuteProbability()) {
            deviation += -REVERSION_PER_MINUTE * deviation + sigma * gaussian();
            addBar(Bar.empty(openTime, lastClose));
            if (keepTrades) {
                tapes.put(openTime, new SimTrade[0]);
            }
            return;
        }
        int n = tradeCount();
        int[] offsets = new int[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = random.nextInt((int) MINUTE);
        }
        Arrays.sort(offsets);
        double step = sigma / Math.sqrt(n);
        double pull = REVERSION_PER_MINUTE / n;
        BarBuilder builder = new BarBuilder(openTime, lastClose);
        SimTrade[] tape = keepTrades ? new SimTrade[n] : null;
        long previousTime = -1;
        long sequenceInMilli = 0;
        for (int i = 0; i < n; i++) {
            deviation += -pull * deviation + step * gaussian();
            boolean buyerTaker = random.nextBoolean();
            double fairTicks = startTicks * (1.0 + deviation);
            long ticks = Math.max(1L, buyerTaker ? (long) Math.ceil(fairTicks) : (long) Math.floor(fairTicks));
            double lots = meanLots * QUANTITY_MULTIPLIERS[random.nextInt(QUANTITY_MULTIPLIERS.length)];
            long quantity = Math.max(1L, Math.round(lots)) * spec.lotUnits();
            long price = ticks * spec.tickUnits();
            long time = openTime + offsets[i];
            sequenceInMilli = time == previousTime ? sequenceInMilli + 1 : 1;
            previousTime = time;
            long id = spec.speaksUpbitApi() ? time * 10_000L + sequenceInMilli : nextTradeId++;
            SimTrade trade = new SimTrade(time, price, quantity, buyerTaker, id, spec.quoteOf(price, quantity));
            builder.add(trade);
            if (tape != null) {
                tape[i] = trade;
            }
        }
        Bar bar = builder.build();
        addBar(bar);
        lastClose = bar.close();
        if (tape != null) {
            tapes.put(openTime, tape);
        }
    }

    /** Draws a Poisson-like trade count of at least one around the instrument's mean. */
    private int tradeCount() {
        double mean = spec.sim().tradesPerMinute();
        int n;
        if (mean < 30) {
            double limit = StrictMath.exp(-mean);
            double product = random.nextDouble();
            n = 0;
            while (product > limit) {
                n++;
                product *= random.nextDouble();
            }
        } else {
            n = (int) Math.round(mean + Math.sqrt(mean) * gaussian());
        }
        return Math.max(1, n);
    }

    /**
     * Draws an approximately standard normal number as a scaled sum of four uniforms (Irwin-Hall): cheap,
     * deterministic, and bounded at about 3.5 standard deviations, which suits a price walk.
     */
    private double gaussian() {
        double sum = random.nextDouble() + random.nextDouble() + random.nextDouble() + random.nextDouble();
        return (sum - 2.0) * SQRT_3;
    }

    private static double[] quantityMultipliers() {
        Random fixed = new Random(20_260_101L);
        double[] out = new double[1024];
        for (int i = 0; i < out.length; i++) {
            out[i] = StrictMath.exp(QUANTITY_SIGMA * fixed.nextGaussian() - QUANTITY_SIGMA * QUANTITY_SIGMA / 2);
        }
        return out;
    }

    /** Mixes the seed with a stable 64-bit hash of the instrument key (SplitMix64 finaliser). */
    static long mix(long seed, String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        long z = seed ^ h;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
