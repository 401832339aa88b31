package io.candlebus.launcher;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks what a soak produced, per stream. Published closed candles against the simulator's truth:
 * within [first published (or the start, if earlier), end) every truth candle must be published, once
 * and with the truth's values. The recorded dataset against what was published: every key at most once,
 * every published candle that ended by the end recorded, nothing recorded that was not published, and for
 * Binance streams (a candle every minute) every open time from the first recorded to the last.
 */
final class SoakCheck {
    private SoakCheck() {}

    /**
     * Compares {@code published} (in arrival order) with {@code truth} (closed 1m candles per instrument,
     * from which larger intervals are aggregated) for every instrument of {@code truth} and every interval.
     */
    static Map<SoakStream, StreamTally> published(
            Collection<Candle> published,
            Map<Instrument, List<Candle>> truth,
            List<Interval> intervals,
            long startMillis,
            long endMillis) {
        Map<SoakStream, List<Candle>> byStream = new HashMap<>();
        for (Candle c : published) {
            byStream.computeIfAbsent(SoakStream.of(c), s -> new ArrayList<>()).add(c);
        }
        Map<SoakStream, StreamTally> out = new TreeMap<>();
        for (Map.Entry<Instrument, List<Candle>> e : truth.entrySet()) {
            for (Interval interval : intervals) {
                SoakStream stream = new SoakStream(e.getKey(), interval);
                Map<Long, Candle> expected =
                        interval == Interval.M1 ? byOpen(e.getValue()) : aggregate(e.getValue(), interval);
                out.put(
                        stream,
                        checkStream(
                                stream, byStream.getOrDefault(stream, List.of()), expected, startMillis, endMillis));
            }
        }
        return out;
    }

    private static StreamTally checkStream(
            SoakStream stream, List<Candle> mine, Map<Long, Candle> truth, long startMillis, long endMillis) {
        Map<Long, Candle> first = new TreeMap<>();
        long duplicated = 0;
        List<String> examples = new ArrayList<>();
        for (Candle c : mine) {
            if (first.putIfAbsent(c.openTime(), c) != null) {
                duplicated++;
                examples.add("duplicated " + describe(stream, c.openTime()));
            }
        }
        long from = stream.interval().openTimeOf(startMillis);
        if (!first.isEmpty()) {
            from = Math.min(from, first.keySet().iterator().next());
        }
        long lost = 0;
        for (Candle t : truth.values()) {
            if (t.openTime() >= from && t.endTime() <= endMillis && !first.containsKey(t.openTime())) {
                lost++;
                examples.add("lost " + describe(stream, t.openTime()));
            }
        }
        long mismatched = 0;
        for (Candle c : first.values()) {
            if (c.endTime() > endMillis) {
                continue;
            }
            Candle t = truth.get(c.openTime());
            if (t == null || !sameAsTruth(c, t)) {
                mismatched++;
                examples.add("mismatched " + describe(stream, c.openTime()) + ": published " + c + ", truth " + t);
            }
        }
        return new StreamTally(mine.size(), lost, duplicated, mismatched, examples);
    }

    /**
     * Bithumb's REST candles carry no trade count or taker volumes, so Bithumb candles from REST, and the
     * larger ones that may contain them, are compared on prices, volume and quote volume.
     */
    static boolean sameAsTruth(Candle published, Candle truth) {
        boolean partial = published.instrument().exchange() == Exchange.BITHUMB
                && (published.source() == CandleSource.REST || published.interval() != Interval.M1);
        if (!partial) {
            return published.sameValues(truth);
        }
        return published.openTime() == truth.openTime()
                && same(published.open(), truth.open())
                && same(published.high(), truth.high())
                && same(published.low(), truth.low())
                && same(published.close(), truth.close())
                && same(published.volume(), truth.volume())
                && same(published.quoteVolume(), truth.quoteVolume());
    }

    /**
     * Compares the dataset with what was published: {@code recorded} holds, per stream, how many files hold
     * each open time.
     */
    static Map<SoakStream, StreamTally> dataset(
            Map<SoakStream, Map<Long, Integer>> recorded,
            Collection<Candle> published,
            Set<SoakStream> streams,
            long endMillis) {
        Map<SoakStream, Set<Long>> publishedTimes = new HashMap<>();
        for (Candle c : published) {
            publishedTimes
                    .computeIfAbsent(SoakStream.of(c), s -> new TreeSet<>())
                    .add(c.openTime());
        }
        Map<SoakStream, StreamTally> out = new TreeMap<>();
        for (SoakStream stream : streams) {
            TreeMap<Long, Integer> times = new TreeMap<>(recorded.getOrDefault(stream, Map.of()));
            Set<Long> sent = publishedTimes.getOrDefault(stream, Set.of());
            List<String> examples = new ArrayList<>();
            long rows = 0;
            long duplicated = 0;
            long mismatched = 0;
            for (Map.Entry<Long, Integer> t : times.entrySet()) {
                rows += t.getValue();
                if (t.getValue() > 1) {
                    duplicated += t.getValue() - 1;
                    examples.add("recorded " + t.getValue() + " times: " + describe(stream, t.getKey()));
                }
                if (!sent.contains(t.getKey())) {
                    mismatched++;
                    examples.add("recorded, never published: " + describe(stream, t.getKey()));
                }
            }
            Set<Long> missing = new TreeSet<>();
            long step = stream.interval().millis();
            for (long t : sent) {
                if (t + step <= endMillis && !times.containsKey(t)) {
                    missing.add(t);
                }
            }
            if (stream.instrument().exchange() == Exchange.BINANCE && !times.isEmpty()) {
                for (long t = times.firstKey(); t <= times.lastKey(); t += step) {
                    if (!times.containsKey(t)) {
                        missing.add(t);
                    }
                }
            }
            missing.forEach(t -> examples.add("not recorded: " + describe(stream, t)));
            out.put(stream, new StreamTally(rows, missing.size(), duplicated, mismatched, examples));
        }
        return out;
    }

    /** Returns the sum of the tallies. */
    static StreamTally total(Collection<StreamTally> tallies) {
        StreamTally sum = StreamTally.EMPTY;
        for (StreamTally t : tallies) {
            sum = sum.plus(t);
        }
        return sum;
    }

    private static Map<Long, Candle> byOpen(List<Candle> candles) {
        Map<Long, Candle> out = new TreeMap<>();
        candles.forEach(c -> out.putIfAbsent(c.openTime(), c));
        return out;
    }

    /** Aggregates the truth's 1m candles into {@code interval} buckets, independently of the code under test. */
    static Map<Long, Candle> aggregate(List<Candle> minutes, Interval interval) {
        Map<Long, List<Candle>> buckets = new TreeMap<>();
        for (Candle c : byOpen(minutes).values()) {
            buckets.computeIfAbsent(interval.openTimeOf(c.openTime()), b -> new ArrayList<>())
                    .add(c);
        }
        Map<Long, Candle> out = new TreeMap<>();
        buckets.forEach((open, parts) -> out.put(open, combine(interval, open, parts)));
        return out;
    }

    private static Candle combine(Interval interval, long open, List<Candle> parts) {
        Candle first = parts.get(0);
        BigDecimal high = first.high();
        BigDecimal low = first.low();
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal quote = BigDecimal.ZERO;
        BigDecimal takerBase = BigDecimal.ZERO;
        BigDecimal takerQuote = BigDecimal.ZERO;
        long count = 0;
        for (Candle c : parts) {
            high = high.max(c.high());
            low = low.min(c.low());
            volume = volume.add(c.volume());
            quote = quote.add(c.quoteVolume());
            takerBase = takerBase.add(c.takerBuyBaseVolume());
            takerQuote = takerQuote.add(c.takerBuyQuoteVolume());
            count += c.tradeCount();
        }
        return new Candle(
                first.instrument(),
                interval,
                open,
                first.open(),
                high,
                low,
                parts.get(parts.size() - 1).close(),
                volume,
                quote,
                count,
                takerBase,
                takerQuote,
                true,
                CandleSource.REST);
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) == 0;
    }

    private static String describe(SoakStream stream, long openTime) {
        return stream + " " + openTime + " (" + Instant.ofEpochMilli(openTime) + ")";
    }
}
