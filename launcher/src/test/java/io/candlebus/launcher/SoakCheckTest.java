package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.recorder.RecorderConfig;
import io.candlebus.recorder.RecorderVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakCheckTest {
    private static final long MIN = 60_000L;
    /** 2026-01-01T00:00:00Z. */
    private static final long T0 = 1_767_225_600_000L;

    private static final Instrument SPOT = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument KRW = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final List<Interval> BOTH = List.of(Interval.M1, Interval.M5);

    @Test
    void findsNothingWrongWhenEveryTruthCandleIsPublishedOnce() {
        List<Candle> truth = minutes(SPOT, T0, 30);
        List<Candle> published = new ArrayList<>(truth.subList(0, 20));
        published.addAll(SoakCheck.aggregate(truth.subList(0, 20), Interval.M5).values());

        Map<SoakStream, StreamTally> result =
                SoakCheck.published(published, Map.of(SPOT, truth), BOTH, T0 + 10 * MIN, T0 + 20 * MIN);

        assertThat(result).containsOnlyKeys(new SoakStream(SPOT, Interval.M1), new SoakStream(SPOT, Interval.M5));
        assertThat(result.values()).allMatch(StreamTally::clean);
        assertThat(SoakCheck.total(result.values()).candles()).isEqualTo(24);
    }

    @Test
    void countsLostDuplicatedAndMismatchedCandles() {
        List<Candle> truth = minutes(SPOT, T0, 30);
        List<Candle> published = new ArrayList<>(truth.subList(0, 20));
        published.remove(7);
        published.add(5, truth.get(4));
        published.set(11, withClose(truth.get(11), "100.5"));

        StreamTally t = SoakCheck.published(published, Map.of(SPOT, truth), List.of(Interval.M1), T0, T0 + 20 * MIN)
                .get(new SoakStream(SPOT, Interval.M1));

        assertThat(t.lost()).isEqualTo(1);
        assertThat(t.duplicated()).isEqualTo(1);
        assertThat(t.mismatched()).isEqualTo(1);
        assertThat(t.candles()).isEqualTo(20);
        assertThat(t.examples())
                .anyMatch(x -> x.startsWith("lost binance:spot:BTCUSDT/1m " + (T0 + 7 * MIN)))
                .anyMatch(x -> x.startsWith("duplicated binance:spot:BTCUSDT/1m " + (T0 + 4 * MIN)))
                .anyMatch(x -> x.startsWith("mismatched binance:spot:BTCUSDT/1m " + (T0 + 11 * MIN)));
    }

    @Test
    void countsAStreamThatStoppedBeforeTheEndAsLostUpToTheEnd() {
        List<Candle> truth = minutes(SPOT, T0, 30);

        StreamTally t = SoakCheck.published(
                        truth.subList(0, 10), Map.of(SPOT, truth), List.of(Interval.M1), T0 + 5 * MIN, T0 + 20 * MIN)
                .get(new SoakStream(SPOT, Interval.M1));
        StreamTally silent = SoakCheck.published(
                        List.of(), Map.of(SPOT, truth), List.of(Interval.M1), T0 + 5 * MIN, T0 + 20 * MIN)
                .get(new SoakStream(SPOT, Interval.M1));

        assertThat(t.lost()).isEqualTo(10);
        assertThat(silent.lost()).isEqualTo(15);
    }

    @Test
    void ignoresCandlesEndingAfterTheEnd() {
        List<Candle> truth = minutes(SPOT, T0, 30);
        List<Candle> published = new ArrayList<>(truth.subList(0, 20));
        published.add(withClose(truth.get(20), "1"));

        StreamTally t = SoakCheck.published(published, Map.of(SPOT, truth), List.of(Interval.M1), T0, T0 + 20 * MIN)
                .get(new SoakStream(SPOT, Interval.M1));

        assertThat(t.clean()).isTrue();
    }

    @Test
    void comparesBithumbRestCandlesOnPricesAndVolumesOnly() {
        List<Candle> truth = minutes(KRW, T0, 10);
        List<Candle> published = new ArrayList<>(truth);
        published.set(2, restLike(truth.get(2)));
        Candle aggregatedWithoutCount = restLike(truth.get(3)).asClosed(CandleSource.AGGREGATED);
        published.set(3, aggregatedWithoutCount);

        StreamTally t = SoakCheck.published(published, Map.of(KRW, truth), List.of(Interval.M1), T0, T0 + 10 * MIN)
                .get(new SoakStream(KRW, Interval.M1));

        assertThat(t.mismatched())
                .as("only the trade-built candle must match in full")
                .isEqualTo(1);
    }

    @Test
    void comparesUpbitRestCandlesOnPricesAndVolumesOnlyToo() {
        Instrument upbit = Instrument.parse("upbit:spot:KRW-BTC");
        List<Candle> truth = minutes(upbit, T0, 10);
        List<Candle> published = new ArrayList<>(truth);
        published.set(2, restLike(truth.get(2)));

        StreamTally t = SoakCheck.published(published, Map.of(upbit, truth), List.of(Interval.M1), T0, T0 + 10 * MIN)
                .get(new SoakStream(upbit, Interval.M1));

        assertThat(t.clean())
                .as("Upbit's REST candles carry no trade count either")
                .isTrue();
    }

    @Test
    void aggregatesBithumbBucketsFromTheMinutesPresent() {
        List<Candle> truth = new ArrayList<>(minutes(KRW, T0, 10));
        truth.remove(6);
        truth.remove(2);
        List<Candle> published = new ArrayList<>(truth);
        published.addAll(SoakCheck.aggregate(truth, Interval.M5).values());

        Map<SoakStream, StreamTally> result =
                SoakCheck.published(published, Map.of(KRW, truth), BOTH, T0, T0 + 10 * MIN);

        assertThat(result.values()).allMatch(StreamTally::clean);
        Candle five = SoakCheck.aggregate(truth, Interval.M5).get(T0);
        assertThat(five.volume()).isEqualByComparingTo(new BigDecimal("4"));
        assertThat(five.open()).isEqualByComparingTo(truth.get(0).open());
        assertThat(five.close()).isEqualByComparingTo(truth.get(3).close());
    }

    @Test
    void checksTheDatasetAgainstWhatWasPublished() {
        List<Candle> spot = minutes(SPOT, T0, 10);
        List<Candle> krw = minutes(KRW, T0, 10);
        List<Candle> published = new ArrayList<>(spot);
        published.addAll(krw);
        SoakStream spotStream = new SoakStream(SPOT, Interval.M1);
        SoakStream krwStream = new SoakStream(KRW, Interval.M1);
        Map<SoakStream, List<Candle>> rows = new HashMap<>();
        rows.put(spotStream, new ArrayList<>(spot));
        rows.put(krwStream, new ArrayList<>(krw));

        assertThat(SoakCheck.dataset(rows, published, Set.of(spotStream, krwStream), T0 + 10 * MIN)
                        .values())
                .allMatch(StreamTally::clean);

        rows.get(spotStream).remove(4);
        rows.get(spotStream).add(spot.get(6));
        rows.get(spotStream).add(minutes(SPOT, T0 + 20 * MIN, 1).get(0));
        rows.get(krwStream).remove(3);
        Map<SoakStream, StreamTally> result =
                SoakCheck.dataset(rows, published, Set.of(spotStream, krwStream), T0 + 10 * MIN);

        StreamTally s = result.get(spotStream);
        // 4 was published and not recorded; 10..19 break the run up to 20, which was never published.
        assertThat(s.lost()).isEqualTo(11);
        assertThat(s.duplicated()).isEqualTo(1);
        assertThat(s.mismatched()).isEqualTo(1);
        assertThat(s.candles()).isEqualTo(11);
        assertThat(result.get(krwStream).lost()).isEqualTo(1);
    }

    @Test
    void holdsBithumbStreamsToContiguityLikeBinanceOnes() {
        List<Candle> spot = minutes(SPOT, T0, 10);
        List<Candle> krw = minutes(KRW, T0, 10);
        SoakStream spotStream = new SoakStream(SPOT, Interval.M1);
        SoakStream krwStream = new SoakStream(KRW, Interval.M1);
        List<Candle> published = new ArrayList<>(spot);
        published.addAll(krw);
        published.remove(spot.get(5));
        published.remove(krw.get(5));
        Map<SoakStream, List<Candle>> rows = new HashMap<>();
        rows.put(spotStream, new ArrayList<>(spot));
        rows.put(krwStream, new ArrayList<>(krw));
        rows.get(spotStream).remove(5);
        rows.get(krwStream).remove(5);

        Map<SoakStream, StreamTally> result =
                SoakCheck.dataset(rows, published, Set.of(spotStream, krwStream), T0 + 10 * MIN);

        assertThat(result.get(spotStream).lost()).isEqualTo(1);
        assertThat(result.get(krwStream).lost())
                .as("a minute missing from both the bus and the dataset is a hole")
                .isEqualTo(1);
        assertThat(result.get(krwStream).examples())
                .containsExactly("not recorded: " + krwStream + " " + (T0 + 5 * MIN) + " ("
                        + Instant.ofEpochMilli(T0 + 5 * MIN) + ")");
    }

    @Test
    void comparesRecordedRowsAsTheDoublesTheDatasetHolds() {
        Candle published = withClose(minutes(SPOT, T0, 1).get(0), "100.10");
        Candle row = withClose(published, "100.1");
        Candle other = withClose(published, "100.1000000001");

        assertThat(SoakCheck.sameAsRecorded(published, row)).isTrue();
        assertThat(SoakCheck.sameAsRecorded(published, other)).isFalse();
    }

    @Test
    void readsBackADatasetTheRecorderWroteAndFindsItClean(@TempDir Path data) throws Exception {
        List<Candle> spot = minutes(SPOT, T0, 10);
        List<Candle> krw = minutes(KRW, T0, 10);
        List<Candle> published = new ArrayList<>(spot);
        published.addAll(krw);
        published.addAll(SoakCheck.aggregate(spot, Interval.M5).values());
        published.addAll(SoakCheck.aggregate(krw, Interval.M5).values());
        record(data, published);
        Set<SoakStream> streams = Set.of(
                new SoakStream(SPOT, Interval.M1),
                new SoakStream(SPOT, Interval.M5),
                new SoakStream(KRW, Interval.M1),
                new SoakStream(KRW, Interval.M5));

        Map<SoakStream, StreamTally> result =
                SoakCheck.dataset(SoakCheck.readDataset(data, streams), published, streams, T0 + 10 * MIN);

        assertThat(result.values()).allMatch(StreamTally::clean);
        assertThat(SoakCheck.total(result.values()).candles()).isEqualTo(24);
    }

    @Test
    void findsAHoleARepeatAndADifferenceInADatasetTheRecorderWrote(@TempDir Path data, @TempDir Path other)
            throws Exception {
        List<Candle> spot = minutes(SPOT, T0, 10);
        List<Candle> recorded = new ArrayList<>(spot);
        recorded.remove(4);
        recorded.set(7, withClose(spot.get(8), "100.5"));
        record(data, recorded);
        // A second recorder writing a key the first one holds: the repeat a cluster must never produce.
        record(other, List.of(spot.get(6)));
        Path otherRoot = other.resolve("candles");
        try (Stream<Path> files = Files.walk(otherRoot)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                Path target =
                        data.resolve("candles").resolve(otherRoot.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.move(f, target);
            }
        }
        SoakStream stream = new SoakStream(SPOT, Interval.M1);

        StreamTally t = SoakCheck.dataset(
                        SoakCheck.readDataset(data, Set.of(stream)), spot, Set.of(stream), T0 + 10 * MIN)
                .get(stream);

        assertThat(t.lost()).isEqualTo(1);
        assertThat(t.duplicated()).isEqualTo(1);
        assertThat(t.mismatched()).isEqualTo(1);
        assertThat(t.candles()).isEqualTo(10);
        assertThat(t.examples())
                .anyMatch(x -> x.startsWith("not recorded: binance:spot:BTCUSDT/1m " + (T0 + 4 * MIN)))
                .anyMatch(x -> x.startsWith("recorded 2 times: binance:spot:BTCUSDT/1m " + (T0 + 6 * MIN)))
                .anyMatch(x -> x.startsWith(
                        "recorded other values than published: binance:spot:BTCUSDT/1m " + (T0 + 8 * MIN)));
    }

    /** Records {@code candles} with a real recorder under {@code data}; returns once every one is acknowledged. */
    private static void record(Path data, List<Candle> candles) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Codecs.registerAll(vertx.eventBus());
            vertx.deployVerticle(
                            new RecorderVerticle(new RecorderConfig(data, 50, 10_000), Clock.systemUTC(), "test"),
                            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
                    .await(30, TimeUnit.SECONDS);
            DeliveryOptions patient = new DeliveryOptions().setSendTimeout(30_000);
            List<Future<Message<Object>>> acks = new ArrayList<>();
            for (Candle c : candles) {
                acks.add(vertx.eventBus().request(Addresses.RECORDER_CANDLES, c, patient));
            }
            Future.all(acks).await(60, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static List<Candle> minutes(Instrument instrument, long from, int count) {
        List<Candle> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BigDecimal open = BigDecimal.valueOf(100 + i);
            out.add(new Candle(
                    instrument,
                    Interval.M1,
                    from + i * MIN,
                    open,
                    open.add(BigDecimal.valueOf(2)),
                    open.subtract(BigDecimal.ONE),
                    open.add(BigDecimal.ONE),
                    BigDecimal.ONE,
                    open,
                    3 + i,
                    new BigDecimal("0.5"),
                    open.divide(BigDecimal.valueOf(2)),
                    true,
                    CandleSource.REST));
        }
        return out;
    }

    private static Candle withClose(Candle c, String close) {
        return new Candle(
                c.instrument(),
                c.interval(),
                c.openTime(),
                c.open(),
                c.high(),
                c.low().min(new BigDecimal(close)),
                new BigDecimal(close),
                c.volume(),
                c.quoteVolume(),
                c.tradeCount(),
                c.takerBuyBaseVolume(),
                c.takerBuyQuoteVolume(),
                true,
                c.source());
    }

    /** Returns {@code c} as Bithumb's REST sends it: no trade count, no taker volumes. */
    private static Candle restLike(Candle c) {
        return new Candle(
                c.instrument(),
                c.interval(),
                c.openTime(),
                c.open(),
                c.high(),
                c.low(),
                c.close(),
                c.volume(),
                c.quoteVolume(),
                0,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                true,
                CandleSource.REST);
    }
}
