package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.market.Backoff;
import io.candlebus.market.candle.RecorderOutbox;
import io.candlebus.recorder.RecorderConfig;
import io.candlebus.recorder.RecorderVerticle;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfills from the simulator's REST APIs into datasets the real recorder writes, composed with live
 * recording in both orders, interrupted and resumed, and under the venue's 429; every dataset is read
 * back with DuckDB and proven with {@code check}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class BackfillIT {
    private static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument KRW = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    /** 2026-01-02T00:00Z. */
    private static final long T0 = 1_767_312_000_000L;

    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void liveRecordingThenAnOverlappingBackfillGiveOneRowPerKey(@TempDir Path data) throws Exception {
        AppConfig config = AppConfig.fromJson(
                new JsonObject()
                        .put("node", "backfill-it")
                        .put("http", new JsonObject().put("port", 0))
                        .put("sim", new JsonObject().put("speed", 300.0).put("seed", 7))
                        .put(
                                "recorder",
                                new JsonObject().put("dataDir", data.toString()).put("flushIntervalMillis", 250))
                        .put(
                                "market",
                                new JsonObject()
                                        .put(
                                                "instruments",
                                                new JsonArray().add(BTC.key()).add(KRW.key()))
                                        .put(
                                                "intervals",
                                                new JsonArray().add("1m").add("5m"))
                                        .put("closeGraceMillis", 30_000)),
                Map.of());
        Node node = Node.start(config).await(60, TimeUnit.SECONDS);
        Backfill.Result result;
        Map<Instrument, List<Candle>> truth = new TreeMap<>();
        long from;
        long to;
        try {
            ExchangeSimulator sim = node.simulator();
            long start = sim.clock().millis();
            from = Interval.M5.openTimeOf(start) - 12 * HOUR;
            to = Interval.M5.openTimeOf(start) + 30 * MINUTE;
            // The live node records its warm-up and 30 minutes past start before the backfill begins.
            await().atMost(Duration.ofSeconds(120)).until(() -> sim.clock().millis() >= to + 10 * MINUTE);
            result = Backfill.run(vertx, options(data, from, to, 0), Backfill.Venues.of(sim), quiet(), () -> false);
            for (Instrument i : List.of(BTC, KRW)) {
                truth.put(i, sim.truth(i));
            }
        } finally {
            node.close().await(60, TimeUnit.SECONDS);
        }

        assertThat(result.complete()).isTrue();
        assertThat(result.skipped()).as("keys the live recorder wrote first").isPositive();
        assertThat(result.written())
                .as("history before the live node's warm-up")
                .isPositive();
        assertThat(result.rows()).isEqualTo(result.written() + result.skipped());
        assertOnePerKeyAndEqualToTruth(data, truth, from, to);
    }

    @Test
    void backfillThenTheLiveNodesRecordingGiveOneRowPerKey(@TempDir Path data) throws Exception {
        // A node without the recorder role: its market verticle's outbox holds the warm-up and live
        // candles until a recorder acknowledges them, so they reach the disk after the backfill.
        AppConfig config = AppConfig.fromJson(
                new JsonObject()
                        .put("node", "backfill-first-it")
                        .put("roles", "market")
                        .put("http", new JsonObject().put("port", 0))
                        .put("sim", new JsonObject().put("speed", 300.0).put("seed", 8))
                        .put(
                                "market",
                                new JsonObject()
                                        .put(
                                                "instruments",
                                                new JsonArray().add(BTC.key()).add(KRW.key()))
                                        .put(
                                                "intervals",
                                                new JsonArray().add("1m").add("5m"))
                                        .put("closeGraceMillis", 30_000)),
                Map.of());
        Node node = Node.start(config).await(60, TimeUnit.SECONDS);
        Backfill.Result result;
        Map<Instrument, List<Candle>> truth = new TreeMap<>();
        AtomicLong liveDuplicates = new AtomicLong();
        long from;
        long to;
        long liveUntil;
        try {
            ExchangeSimulator sim = node.simulator();
            long start = sim.clock().millis();
            from = Interval.M5.openTimeOf(start) - 12 * HOUR;
            to = Interval.M5.openTimeOf(start) + 15 * MINUTE;
            liveUntil = to + 15 * MINUTE;
            await().atMost(Duration.ofSeconds(120)).until(() -> sim.clock().millis() >= to + 2 * MINUTE);
            result = Backfill.run(vertx, options(data, from, to, 0), Backfill.Venues.of(sim), quiet(), () -> false);

            node.vertx().eventBus().<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> {
                if (m.body().component().equals("recorder")) {
                    liveDuplicates.accumulateAndGet(m.body().counters().getOrDefault("duplicates", 0L), Math::max);
                }
            });
            node.vertx()
                    .deployVerticle(new RecorderVerticle(new RecorderConfig(data, 250, 10_000), sim.clock(), "live"))
                    .await(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> sim.clock().millis() >= liveUntil + 5 * MINUTE
                            && recorded1m(data)
                                    .containsAll(List.of(
                                            BTC.key() + "/" + (liveUntil - MINUTE),
                                            KRW.key() + "/" + (liveUntil - MINUTE))));
            for (Instrument i : List.of(BTC, KRW)) {
                truth.put(i, sim.truth(i));
            }
        } finally {
            node.close().await(60, TimeUnit.SECONDS);
        }

        assertThat(result.complete()).isTrue();
        assertThat(result.written()).isPositive();
        assertThat(liveDuplicates.get())
                .as("live candles the backfill had written first")
                .isPositive();
        assertOnePerKeyAndEqualToTruth(data, truth, from, liveUntil);
    }

    private static Set<String> recorded1m(Path data) throws Exception {
        return ParquetDataset.read(data).stream()
                .filter(r -> r.interval().equals("1m"))
                .map(r -> r.exchange() + ":" + r.market() + ":" + r.symbol() + "/" + r.openTime())
                .collect(Collectors.toSet());
    }

    @Test
    void backfillThenLiveCandlesOverTheBusGiveOneRowPerKey(@TempDir Path data) throws Exception {
        ExchangeSimulator sim = simulator(T0, 600, 60);
        long from = T0 - 4 * HOUR;
        Backfill.Result result =
                Backfill.run(vertx, options(data, from, T0 - HOUR, 0), Backfill.Venues.of(sim), quiet(), () -> false);
        assertThat(result.complete()).isTrue();
        assertThat(result.written()).isEqualTo(2 * (180 + 36));

        // The live path afterwards: the market verticle's closed candles of the last two hours, which
        // overlap the backfill by one, through the recorder over the bus as a live node sends them.
        Map<Instrument, List<Candle>> truth = new TreeMap<>();
        for (Instrument i : List.of(BTC, KRW)) {
            truth.put(i, sim.truth(i));
        }
        recordLive(data, truth, T0 - 2 * HOUR, T0);

        assertOnePerKeyAndEqualToTruth(data, truth, from, T0);
    }

    @Test
    void liveRecordingAndABackfillOfTheSameRangeAtTheSameTimeGiveOneRowPerKey(@TempDir Path data) throws Exception {
        ExchangeSimulator sim = simulator(T0, 600, 60);
        long from = T0 - 6 * HOUR;
        Map<Instrument, List<Candle>> truth = new TreeMap<>();
        List<Candle> live = new ArrayList<>();
        for (Instrument i : List.of(BTC, KRW)) {
            truth.put(i, sim.truth(i));
            truth.get(i).stream()
                    .filter(c -> c.openTime() >= from && c.openTime() < T0)
                    .forEach(live::add);
        }
        live.sort(Comparator.comparingLong(Candle::openTime));
        AtomicLong liveDuplicates = new AtomicLong();
        vertx.eventBus().<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> {
            if (m.body().component().equals("recorder")) {
                liveDuplicates.accumulateAndGet(m.body().counters().getOrDefault("duplicates", 0L), Math::max);
            }
        });
        // The live recorder and, on the same bus, a market's outbox sending the same keys as the backfill, which
        // listens for running recorders as a clustered backfill does.
        vertx.deployVerticle(new RecorderVerticle(new RecorderConfig(data, 250, 10_000), Clock.systemUTC(), "live"))
                .await(30, TimeUnit.SECONDS);
        Context market = vertx.getOrCreateContext();
        Promise<RecorderOutbox> created = Promise.promise();
        market.runOnContext(v -> created.complete(new RecorderOutbox(vertx, 10_000, 100_000, new Backoff(10, 500))));
        RecorderOutbox outbox = created.future().await(10, TimeUnit.SECONDS);
        // Live candles start once the backfill delivers, and go out 12 every 2 ms, so both are in flight together.
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PrintStream progressOut = new PrintStream(progress, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                super.println(line);
                if (line.startsWith("backfill: delivering")) {
                    market.runOnContext(v -> offerPaced(outbox, live, 0));
                }
            }
        };

        Backfill.Result result = Backfill.run(
                vertx,
                options(data, from, T0, 0),
                Backfill.Venues.of(sim),
                progressOut,
                () -> false,
                Backfill.RECORDER_WAIT_MILLIS);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> onContext(market, outbox::pending) == 0L
                        && onContext(market, () -> outbox.counters().get("recorderAcknowledged")) == live.size());

        assertThat(progress.toString(StandardCharsets.UTF_8))
                .as("delivered to the live recorder, not to one of its own")
                .contains("backfill: delivering to the stream owners");
        assertThat(result.complete()).isTrue();
        assertThat(result.rows()).isEqualTo(2 * (360 + 72));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(liveDuplicates.get())
                .as("each 1m key sent by both, written by the one recorder once")
                .isGreaterThanOrEqualTo(live.size()));
        assertOnePerKeyAndEqualToTruth(data, truth, from, T0);
    }

    private void offerPaced(RecorderOutbox outbox, List<Candle> candles, int next) {
        int end = Math.min(candles.size(), next + 12);
        candles.subList(next, end).forEach(outbox::offer);
        if (end < candles.size()) {
            vertx.setTimer(2, id -> offerPaced(outbox, candles, end));
        }
    }

    private static <T> T onContext(Context context, java.util.concurrent.Callable<T> action) throws Exception {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> {
            try {
                result.complete(action.call());
            } catch (Exception e) {
                result.fail(e);
            }
        });
        return result.future().await(10, TimeUnit.SECONDS);
    }

    @Test
    void anInterruptedBackfillResumesToTheSameDatasetAndFetchesOnlyWhatIsMissing(@TempDir Path dir) throws Exception {
        ExchangeSimulator sim = simulator(T0, 600, 60);
        Path data = dir.resolve("data");
        long from = T0 - 6 * HOUR;
        Backfill.Result first =
                Backfill.run(vertx, options(data, from, T0, 500), Backfill.Venues.of(sim), quiet(), () -> false);
        assertThat(first.complete()).isFalse();
        assertThat(first.written()).isEqualTo(500);
        assertThat(check(data).code).as("a prefix of each stream, no hole").isZero();

        Backfill.Result second =
                Backfill.run(vertx, options(data, from, T0, 0), Backfill.Venues.of(sim), quiet(), () -> false);
        long total = 2 * (360 + 72);
        assertThat(second.complete()).isTrue();
        assertThat(second.rows()).isEqualTo(total);
        assertThat(second.written()).isEqualTo(total - 500);
        // Resumed at the first missing key: only the page that straddles it is fetched again.
        assertThat(second.skipped()).isEqualTo(500);

        Path fresh = dir.resolve("fresh");
        Backfill.run(vertx, options(fresh, from, T0, 0), Backfill.Venues.of(sim), quiet(), () -> false);
        assertThat(sortedRows(data)).isEqualTo(sortedRows(fresh));
        Map<Instrument, List<Candle>> truth = new TreeMap<>();
        for (Instrument i : List.of(BTC, KRW)) {
            truth.put(i, sim.truth(i));
        }
        assertOnePerKeyAndEqualToTruth(data, truth, from, T0);

        Backfill.Result again =
                Backfill.run(vertx, options(data, from, T0, 0), Backfill.Venues.of(sim), quiet(), () -> false);
        assertThat(again.written()).as("nothing left to write").isZero();
        assertThat(again.skipped()).isEqualTo(total);
    }

    @Test
    void theVenuesRateLimitIsHonoured(@TempDir Path data) throws Exception {
        // At 10x a simulated minute is 6 s: the next page's request (after the page's acknowledgement, a
        // recorder flush and a sync) falls into the same minute even on a busy machine.
        ExchangeSimulator sim = simulator(T0, 2_700, 10);
        // One spot klines request (weight 2) per simulated minute: the 2nd and 3rd pages get a 429 first.
        sim.faults().restWeightLimit(Market.SPOT, 2);
        long from = T0 - 45 * HOUR;
        BackfillOptions o =
                new BackfillOptions(List.of(BTC), List.of(Interval.M1), from, T0, data, "sim", 0, 1_000, 2_400, false);

        Backfill.Result result = Backfill.run(vertx, o, Backfill.Venues.of(sim), quiet(), () -> false);

        assertThat(result.complete()).isTrue();
        assertThat(result.pauses()).as("429 answers honoured").isPositive();
        assertThat(result.written()).isEqualTo(45 * 60);
        Result c = check(data);
        assertThat(c.code).as(c.out).isZero();
        assertThat(c.out).endsWith("streams=1 rows=2700 duplicates=0 holes=0 unreadable=0\n");
    }

    @Test
    void aBanIsWaitedOut(@TempDir Path data) throws Exception {
        ExchangeSimulator sim = simulator(T0, 600, 120);
        // Three simulated minutes of 418 with Retry-After: 1.5 s at 120x.
        sim.faults().restBan(Market.SPOT, 3 * MINUTE);
        BackfillOptions o = new BackfillOptions(
                List.of(BTC), List.of(Interval.M1), T0 - 2 * HOUR, T0, data, "sim", 0, 1_000, 2_400, false);

        Backfill.Result result = Backfill.run(vertx, o, Backfill.Venues.of(sim), quiet(), () -> false);

        assertThat(result.complete()).isTrue();
        assertThat(result.bans()).as("418 bans honoured").isPositive();
        assertThat(result.written()).isEqualTo(120);
        assertThat(check(data).code).isZero();
    }

    @Test
    void theCommandPrintsProgressAndItsResultAndResumes(@TempDir Path dir) {
        Path data = dir.resolve("data");
        String[] args = {
            "backfill",
            "--instruments",
            BTC.key() + "," + KRW.key(),
            "--intervals",
            "1m,5m",
            "--from",
            "2026-01-01T20:00Z",
            "--to",
            "2026-01-02T00:00Z",
            "--data",
            data.toString(),
            "--source",
            "sim",
            "--progress-millis",
            "100"
        };
        List<String> limited = new ArrayList<>(List.of(args));
        limited.addAll(List.of("--max-rows", "100"));

        Result stopped = run(limited.toArray(String[]::new));
        assertThat(stopped.code).as(stopped.err).isEqualTo(BackfillCommand.INCOMPLETE);
        assertThat(stopped.out).isEqualTo("backfill: streams=4 rows=100 written=100 skipped=0\n");
        assertThat(stopped.err).contains("run the same command again");

        Result resumed = run(args);
        assertThat(resumed.code).as(resumed.err).isZero();
        assertThat(resumed.err).containsPattern("backfill: \\d+/576 rows \\([0-9.]+%\\) \\d+ rows/s, ETA \\S+");
        assertThat(resumed.out).isEqualTo("backfill: streams=4 rows=576 written=476 skipped=100\n");
        Result c = check(data);
        assertThat(c.code).as(c.out).isZero();
        assertThat(c.out).endsWith("streams=4 rows=576 duplicates=0 holes=0 unreadable=0\n");
    }

    @Test
    void usageErrorsNameTheOption() {
        Result r = run(
                "backfill",
                "--instruments",
                BTC.key(),
                "--intervals",
                "5m",
                "--from",
                "2026-01-01T00:01Z",
                "--to",
                "2026-01-02T00:00Z",
                "--data",
                "x");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--from").contains("largest interval 5m");
        assertThat(Main.usage()).contains("backfill");
    }

    private ExchangeSimulator simulator(long start, int historyMinutes, double speed) throws Exception {
        SimConfig config = SimConfig.demo()
                .withInstruments(Simulators.instruments(List.of(BTC, KRW)))
                .withStartTime(start)
                .withHistoryMinutes(historyMinutes)
                .withSpeed(speed);
        return ExchangeSimulator.start(vertx, config).await(120, TimeUnit.SECONDS);
    }

    private static BackfillOptions options(Path data, long from, long to, long maxRows) {
        return new BackfillOptions(
                List.of(BTC, KRW),
                List.of(Interval.M1, Interval.M5),
                from,
                to,
                data,
                "sim",
                maxRows,
                1_000,
                2_400,
                false);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Sends the truth's closed 1m candles of [from, to) through a real recorder over the bus. */
    private void recordLive(Path data, Map<Instrument, List<Candle>> truth, long from, long to) throws Exception {
        String id = vertx.deployVerticle(
                        new RecorderVerticle(new RecorderConfig(data, 100, 10_000), Clock.systemUTC(), "live"))
                .await(30, TimeUnit.SECONDS);
        List<Future<?>> acks = new ArrayList<>();
        for (List<Candle> candles : truth.values()) {
            candles.stream()
                    .filter(c -> c.openTime() >= from && c.openTime() < to)
                    .forEach(c -> acks.add(vertx.eventBus().request(Addresses.RECORDER_CANDLES, c)));
        }
        Future.all(acks).await(60, TimeUnit.SECONDS);
        vertx.undeploy(id).await(30, TimeUnit.SECONDS);
    }

    private static void assertOnePerKeyAndEqualToTruth(
            Path data, Map<Instrument, List<Candle>> truth, long from, long to) throws Exception {
        List<ParquetDataset.Row> rows = ParquetDataset.read(data);
        assertThat(rows.stream().map(ParquetDataset.Row::key).distinct().count())
                .as("each key once")
                .isEqualTo(rows.size());
        for (Map.Entry<Instrument, List<Candle>> e : truth.entrySet()) {
            Instrument i = e.getKey();
            Map<Long, ParquetDataset.Row> recorded = rows.stream()
                    .filter(r -> r.exchange().equals(i.exchange().wireName())
                            && r.symbol().equals(i.symbol())
                            && r.interval().equals("1m")
                            && r.openTime() >= from
                            && r.openTime() < to)
                    .collect(Collectors.toMap(ParquetDataset.Row::openTime, r -> r, (a, b) -> a, TreeMap::new));
            List<Candle> expected = e.getValue().stream()
                    .filter(c -> c.openTime() >= from && c.openTime() < to)
                    .toList();
            assertThat(expected).as("truth of %s", i).hasSize((int) ((to - from) / MINUTE));
            assertThat(recorded.keySet())
                    .as("1m keys of %s", i)
                    .containsExactlyElementsOf(
                            expected.stream().map(Candle::openTime).toList());
            for (Candle t : expected) {
                ParquetDataset.Row r = recorded.get(t.openTime());
                assertThat(List.of(r.open(), r.high(), r.low(), r.close(), r.volume(), r.quoteVolume()))
                        .as("%s %d", i, t.openTime())
                        .containsExactly(
                                t.open().doubleValue(),
                                t.high().doubleValue(),
                                t.low().doubleValue(),
                                t.close().doubleValue(),
                                t.volume().doubleValue(),
                                t.quoteVolume().doubleValue());
            }
        }
        Result c = check(data);
        assertThat(c.code).as(c.out).isZero();
    }

    private static List<String> sortedRows(Path data) throws Exception {
        return ParquetDataset.read(data).stream()
                .map(r -> r.key() + " " + r.open() + " " + r.high() + " " + r.low() + " " + r.close() + " " + r.volume()
                        + " " + r.quoteVolume() + " " + r.tradeNum() + " " + r.source())
                .sorted()
                .toList();
    }

    private record Result(int code, String out, String err) {}

    private static Result check(Path data) {
        return run("check", "--data", data.toString());
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
