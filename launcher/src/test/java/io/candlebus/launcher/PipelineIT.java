package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.sim.ExchangeSimulator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every role in one JVM against the simulator on an accelerated clock for more than three
 * simulated hours, then checks candles, bands and the Parquet dataset against the simulator's truth.
 * The trade-stream venues run spread over two connections ({@code market.feedConnections}: two feed verticles
 * each), Bithumb's two codes one on each, Upbit's one code on one of them while the other follows nothing.
 */
class PipelineIT {
    private static final long HOUR = 3_600_000L;
    private static final MathContext MC = MathContext.DECIMAL128;

    static final List<Instrument> CHECKED = List.of(
            Instrument.parse("binance:spot:BTCUSDT"),
            Instrument.parse("binance:usdm:BTCUSDT"),
            Instrument.parse("binance:coinm:BTCUSD_PERP"),
            Instrument.parse("bithumb:spot:KRW-BTC"),
            Instrument.parse("bithumb:spot:KRW-ETH"),
            Instrument.parse("upbit:spot:KRW-BTC"));

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void threeSimulatedHoursMatchTheTruthEndToEnd(@TempDir Path data) throws Exception {
        AppConfig config = AppConfig.fromJson(
                new JsonObject()
                        .put("node", "pipeline-it")
                        .put("http", new JsonObject().put("port", 0))
                        .put("sim", new JsonObject().put("speed", 300.0).put("seed", 11))
                        .put(
                                "recorder",
                                new JsonObject().put("dataDir", data.toString()).put("flushIntervalMillis", 250))
                        .put(
                                "market",
                                new JsonObject()
                                        .put(
                                                "instruments",
                                                new JsonArray(CHECKED.stream()
                                                        .map(Instrument::key)
                                                        .toList()))
                                        .put(
                                                "intervals",
                                                new JsonArray().add("1m").add("5m"))
                                        .put("feedConnections", 2)
                                        // Sim time: 30 s of simulated grace is 100 ms real at 300x, so
                                        // scheduler jitter on a busy machine cannot close a candle early.
                                        .put("closeGraceMillis", 30_000)),
                Map.of());
        Queue<Candle> closed = new ConcurrentLinkedQueue<>();
        Queue<Bands> bands = new ConcurrentLinkedQueue<>();
        Queue<OrderEvent> orders = new ConcurrentLinkedQueue<>();
        Node node = Node.start(config, vertx -> {
                    vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closed.add(m.body()));
                    vertx.eventBus().<Bands>consumer(Addresses.BANDS, m -> bands.add(m.body()));
                    vertx.eventBus().<OrderEvent>consumer(Addresses.ORDERS_EVENTS, m -> orders.add(m.body()));
                })
                .await(60, TimeUnit.SECONDS);
        Map<Instrument, List<Candle>> truth = new HashMap<>();
        long start;
        JsonObject status;
        String metrics;
        try {
            ExchangeSimulator sim = node.simulator();
            start = sim.clock().millis();
            await().atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> sim.clock().millis() >= start + 3 * HOUR + 5 * 60_000);
            // On a loaded machine a feed may trail the clock by more than those 5 minutes (1 s real): wait for the
            // candles themselves, then read the truth.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> CHECKED.stream().allMatch(i -> closedOf(closed, i, Interval.M1).stream()
                            .anyMatch(c -> c.openTime() >= start + 3 * HOUR)));
            for (Instrument i : CHECKED) {
                truth.put(i, sim.truth(i));
            }
            status = getJson("http://127.0.0.1:" + node.httpPort() + "/status?detail=full");
            metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/metrics"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } finally {
            node.close().await(60, TimeUnit.SECONDS);
        }

        for (Instrument instrument : CHECKED) {
            List<Candle> published = closedOf(closed, instrument, Interval.M1);
            assertPublishedOnceAndEqualToTruth(instrument, published, truth.get(instrument), start);
            assertFiveMinuteCandlesAggregateTheOneMinuteOnes(instrument, closed);
            assertBandsEqualDirectComputation(
                    instrument,
                    published,
                    bands,
                    config.strategy().period(),
                    config.strategy().k());
            assertThat(status.getJsonObject("instruments").getJsonObject(instrument.key()))
                    .as("status of %s", instrument)
                    .isNotNull();
        }
        for (String part : List.of("market.bithumb#0", "market.bithumb#1")) {
            JsonObject component = componentOf(status, part);
            assertThat(component.getString("state")).as("state of %s", part).isEqualTo("live");
            assertThat(component.getJsonObject("counters").getLong("trades"))
                    .as("trades carried by %s", part)
                    .isPositive();
        }
        assertThat(orders).as("paper orders from signals").anyMatch(e -> e.status() == OrderStatus.FILLED && e.paper());
        assertThat(status.getJsonObject("pnl").getJsonArray("instruments"))
                .as("PnL of the paper fills in /status")
                .isNotEmpty();
        assertThat(metrics).contains("candlebus_pnl_realised{").contains("candlebus_pnl_total_unrealised{asset=");
        assertDatasetHoldsExactlyThePublishedCandles(data, closed);
    }

    private static JsonObject componentOf(JsonObject status, String component) {
        return status.getJsonArray("components").stream()
                .map(JsonObject.class::cast)
                .filter(c -> component.equals(c.getString("component")))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no component " + component + " in " + status.getJsonArray("components")));
    }

    private static List<Candle> closedOf(Queue<Candle> closed, Instrument instrument, Interval interval) {
        return closed.stream()
                .filter(c -> c.instrument().equals(instrument) && c.interval() == interval)
                .collect(Collectors.toList());
    }

    private static void assertPublishedOnceAndEqualToTruth(
            Instrument instrument, List<Candle> published, List<Candle> truth, long start) {
        assertThat(published).as("closed 1m candles of %s", instrument).isNotEmpty();
        assertThat(published.stream().map(Candle::openTime).distinct().count())
                .as("no duplicate closed candle for %s", instrument)
                .isEqualTo(published.size());
        for (int i = 1; i < published.size(); i++) {
            assertThat(published.get(i).openTime())
                    .as("closed candles of %s in order", instrument)
                    .isGreaterThan(published.get(i - 1).openTime());
        }
        long first = published.get(0).openTime();
        // The truth was read while the node still ran: compare up to the last candle both know.
        long last = Math.min(
                published.get(published.size() - 1).openTime(),
                truth.get(truth.size() - 1).openTime());
        assertThat(first)
                .as("warm-up history of %s reaches back before start", instrument)
                .isLessThan(start - HOUR);
        assertThat(last)
                .as("live candles of %s reach 3 h past start", instrument)
                .isGreaterThanOrEqualTo(start + 3 * HOUR);
        Map<Long, Candle> byOpen = new TreeMap<>();
        published.stream().filter(c -> c.openTime() <= last).forEach(c -> byOpen.put(c.openTime(), c));
        List<Candle> expected = truth.stream()
                .filter(t -> t.openTime() >= first && t.openTime() <= last)
                .toList();
        assertThat(byOpen.keySet())
                .as(
                        "every truth candle of %s in [%d, %d] published, and nothing else (truth %d..%d, %d candles)",
                        instrument,
                        first,
                        last,
                        truth.get(0).openTime(),
                        truth.get(truth.size() - 1).openTime(),
                        truth.size())
                .containsExactlyElementsOf(
                        expected.stream().map(Candle::openTime).toList());
        for (Candle t : expected) {
            Candle p = byOpen.get(t.openTime());
            boolean upbitFamily = instrument.exchange() == Exchange.BITHUMB || instrument.exchange() == Exchange.UPBIT;
            if (upbitFamily && p.source() == CandleSource.REST) {
                // Bithumb's and Upbit's REST candles carry no trade count or taker volumes.
                assertThat(List.of(p.open(), p.high(), p.low(), p.close(), p.volume(), p.quoteVolume()))
                        .as("%s %d", instrument, t.openTime())
                        .usingElementComparator(BigDecimal::compareTo)
                        .containsExactlyElementsOf(
                                List.of(t.open(), t.high(), t.low(), t.close(), t.volume(), t.quoteVolume()));
            } else {
                assertThat(p.sameValues(t)).as("%s equals truth %s", p, t).isTrue();
            }
        }
    }

    private static void assertFiveMinuteCandlesAggregateTheOneMinuteOnes(Instrument instrument, Queue<Candle> closed) {
        Map<Long, Candle> ones = new TreeMap<>();
        closedOf(closed, instrument, Interval.M1).forEach(c -> ones.put(c.openTime(), c));
        List<Candle> fives = closedOf(closed, instrument, Interval.M5);
        assertThat(fives).as("5m candles of %s", instrument).hasSizeGreaterThan(30);
        for (Candle five : fives) {
            List<Candle> parts = ones.values().stream()
                    .filter(c -> c.openTime() >= five.openTime() && c.openTime() < five.endTime())
                    .toList();
            assertThat(parts).as("1m parts of %s", five).isNotEmpty();
            assertThat(five.open()).isEqualByComparingTo(parts.get(0).open());
            assertThat(five.close())
                    .isEqualByComparingTo(parts.get(parts.size() - 1).close());
            assertThat(five.high())
                    .isEqualByComparingTo(parts.stream()
                            .map(Candle::high)
                            .max(BigDecimal::compareTo)
                            .orElseThrow());
            assertThat(five.low())
                    .isEqualByComparingTo(parts.stream()
                            .map(Candle::low)
                            .min(BigDecimal::compareTo)
                            .orElseThrow());
            assertThat(five.volume())
                    .isEqualByComparingTo(parts.stream().map(Candle::volume).reduce(BigDecimal.ZERO, BigDecimal::add));
            assertThat(five.quoteVolume())
                    .isEqualByComparingTo(
                            parts.stream().map(Candle::quoteVolume).reduce(BigDecimal.ZERO, BigDecimal::add));
        }
    }

    private static void assertBandsEqualDirectComputation(
            Instrument instrument, List<Candle> published, Queue<Bands> bands, int period, double k) {
        List<Bands> closedBands = bands.stream()
                .filter(b -> b.instrument().equals(instrument) && b.interval() == Interval.M1 && b.closed())
                .toList();
        assertThat(closedBands).as("closed 1m bands of %s", instrument).hasSizeGreaterThan(180);
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < published.size(); i++) {
            index.put(published.get(i).openTime(), i);
        }
        for (Bands b : closedBands) {
            Integer at = index.get(b.openTime());
            assertThat(at).as("bands of %s at a published candle", instrument).isNotNull();
            assertThat(at).isGreaterThanOrEqualTo(period - 1);
            List<BigDecimal> closes = new ArrayList<>();
            for (int i = at - period + 1; i <= at; i++) {
                closes.add(published.get(i).close());
            }
            BigDecimal mean =
                    closes.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(period), MC);
            BigDecimal var = closes.stream()
                    .map(c -> c.subtract(mean).pow(2))
                    .reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(period), MC);
            BigDecimal sd = var.sqrt(MC);
            BigDecimal kk = BigDecimal.valueOf(k);
            assertClose(b.middle(), mean, b);
            assertClose(b.upper(), mean.add(kk.multiply(sd)), b);
            assertClose(b.lower(), mean.subtract(kk.multiply(sd)), b);
        }
    }

    private static void assertClose(double actual, BigDecimal expected, Bands b) {
        double e = expected.doubleValue();
        assertThat(Math.abs(actual - e)).as("%s vs %s", b, expected).isLessThanOrEqualTo(1e-9 * Math.abs(e));
    }

    private static void assertDatasetHoldsExactlyThePublishedCandles(Path data, Queue<Candle> closed) throws Exception {
        List<ParquetDataset.Row> rows = ParquetDataset.read(data);
        Map<String, ParquetDataset.Row> byKey = new HashMap<>();
        for (ParquetDataset.Row r : rows) {
            assertThat(byKey.put(r.key(), r))
                    .as("dataset holds %s once", r.key())
                    .isNull();
        }
        Map<String, Candle> published = new HashMap<>();
        closed.forEach(c -> published.put(c.key(), c));
        assertThat(published.keySet()).as("every recorded row was published").containsAll(byKey.keySet());
        // Candles closed in the last moments may still be unacknowledged at shutdown; everything
        // older than a simulated minute before the newest must be on disk.
        long newest = closed.stream().mapToLong(Candle::openTime).max().orElseThrow();
        for (Candle c : published.values()) {
            if (c.endTime() > newest - 10 * 60_000L) {
                continue;
            }
            ParquetDataset.Row r = byKey.get(c.key());
            assertThat(r).as("recorded %s", c.key()).isNotNull();
            assertThat(r.openTime()).isEqualTo(c.openTime());
            assertThat(r.endTime()).isEqualTo(c.endTime());
            assertThat(r.tradeNum()).isEqualTo(c.tradeCount());
            assertThat(ParquetDataset.sameNumber(r.open(), c.open())
                            && ParquetDataset.sameNumber(r.high(), c.high())
                            && ParquetDataset.sameNumber(r.low(), c.low())
                            && ParquetDataset.sameNumber(r.close(), c.close())
                            && ParquetDataset.sameNumber(r.volume(), c.volume())
                            && ParquetDataset.sameNumber(r.quoteVolume(), c.quoteVolume())
                            && ParquetDataset.sameNumber(r.takerBuyBase(), c.takerBuyBaseVolume())
                            && ParquetDataset.sameNumber(r.takerBuyQuote(), c.takerBuyQuoteVolume()))
                    .as("recorded values of %s equal %s", r, c)
                    .isTrue();
        }
        assertThat(ParquetDataset.beginTimeType(data)).isEqualTo("TIMESTAMP WITH TIME ZONE");
    }

    static JsonObject getJson(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return new JsonObject(response.body());
    }
}
