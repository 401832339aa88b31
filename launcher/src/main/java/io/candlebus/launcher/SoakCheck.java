package io.candlebus.launcher;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
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
 * and with the truth's values. The Parquet dataset, read back, against what was published: every open time
 * from the first recorded to the last exactly once, with the values published, every published candle that
 * ended by the end recorded, nothing recorded that was not published.
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
     * Bithumb's and Upbit's REST candles carry no trade count or taker volumes, so their candles from REST, and
     * the larger ones that may contain them, are compared on prices, volume and quote volume.
     */
    static boolean sameAsTruth(Candle published, Candle truth) {
        boolean partial = published.instrument().exchange() != Exchange.BINANCE
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

    /** Reads every row of each of {@code streams} back from the Parquet dataset under {@code data}. */
    static Map<SoakStream, List<Candle>> readDataset(Path data, Collection<SoakStream> streams) throws IOException {
        Map<SoakStream, List<Candle>> out = new TreeMap<>();
        for (SoakStream stream : streams) {
            List<Candle> rows = new ArrayList<>();
            ParquetCandles.readRows(data, stream.instrument(), stream.interval(), rows::add);
            out.put(stream, rows);
        }
        return out;
    }

    /**
     * Compares the dataset read back ({@code rows}, per stream, every row as stored) with what was published.
     * Per stream, every open time from the first recorded to the last must be there exactly once: a hole
     * counts as lost, a repeat as duplicated. Every candle published that ended by {@code endMillis} must be
     * recorded (else lost), and every recorded key must have been published with the values the row holds,
     * as far as a double holds them (else mismatched). Every venue is held to this: minutes without trades
     * are candles too (see the market-verticle README).
     */
    static Map<SoakStream, StreamTally> dataset(
            Map<SoakStream, List<Candle>> rows, Collection<Candle> published, Set<SoakStream> streams, long endMillis) {
        Map<SoakStream, Map<Long, Candle>> publishedByTime = new HashMap<>();
        for (Candle c : published) {
            publishedByTime
                    .computeIfAbsent(SoakStream.of(c), s -> new TreeMap<>())
                    .putIfAbsent(c.openTime(), c);
        }
        Map<SoakStream, StreamTally> out = new TreeMap<>();
        for (SoakStream stream : streams) {
            TreeMap<Long, List<Candle>> recorded = new TreeMap<>();
            for (Candle row : rows.getOrDefault(stream, List.of())) {
                recorded.computeIfAbsent(row.openTime(), t -> new ArrayList<>()).add(row);
            }
            out.put(stream, checkDataset(stream, recorded, publishedByTime.getOrDefault(stream, Map.of()), endMillis));
        }
        return out;
    }

    private static StreamTally checkDataset(
            SoakStream stream, TreeMap<Long, List<Candle>> recorded, Map<Long, Candle> sent, long endMillis) {
        List<String> examples = new ArrayList<>();
        long rows = 0;
        long duplicated = 0;
        long mismatched = 0;
        for (Map.Entry<Long, List<Candle>> e : recorded.entrySet()) {
            List<Candle> same = e.getValue();
            rows += same.size();
            if (same.size() > 1) {
                duplicated += same.size() - 1;
                examples.add("recorded " + same.size() + " times: " + describe(stream, e.getKey()));
            }
            Candle p = sent.get(e.getKey());
            if (p == null) {
                mismatched++;
                examples.add("recorded, never published: " + describe(stream, e.getKey()));
            } else {
                Candle differs = same.stream()
                        .filter(row -> !sameAsRecorded(p, row))
                        .findFirst()
                        .orElse(null);
                if (differs != null) {
                    mismatched++;
                    examples.add("recorded other values than published: " + describe(stream, e.getKey()) + ": recorded "
                            + differs + ", published " + p);
                }
            }
        }
        Set<Long> missing = new TreeSet<>();
        long step = stream.interval().millis();
        for (long t : sent.keySet()) {
            if (t + step <= endMillis && !recorded.containsKey(t)) {
                missing.add(t);
            }
        }
        if (!recorded.isEmpty()) {
            for (long t = recorded.firstKey(); t <= recorded.lastKey(); t += step) {
                if (!recorded.containsKey(t)) {
                    missing.add(t);
                }
            }
        }
        missing.forEach(t -> examples.add("not recorded: " + describe(stream, t)));
        return new StreamTally(rows, missing.size(), duplicated, mismatched, examples);
    }

    /**
     * Returns whether a row read back holds the published candle: the dataset stores doubles, so each decimal
     * is compared as the double nearest to it; the trade count exactly.
     */
    static boolean sameAsRecorded(Candle published, Candle row) {
        return published.openTime() == row.openTime()
                && published.tradeCount() == row.tradeCount()
                && sameDouble(published.open(), row.open())
                && sameDouble(published.high(), row.high())
                && sameDouble(published.low(), row.low())
                && sameDouble(published.close(), row.close())
                && sameDouble(published.volume(), row.volume())
                && sameDouble(published.quoteVolume(), row.quoteVolume())
                && sameDouble(published.takerBuyBaseVolume(), row.takerBuyBaseVolume())
                && sameDouble(published.takerBuyQuoteVolume(), row.takerBuyQuoteVolume());
    }

    private static boolean sameDouble(BigDecimal a, BigDecimal b) {
        return a.doubleValue() == b.doubleValue();
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
