package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.strategy.StrategyConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's endpoints over real HTTP on a status server fed through the bus: history from memory, the
 * event stream filtered to one instrument and interval, the chart library from the jar, and the errors.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DashboardEndpointsIT {
    private static final String BTC = "binance:spot:BTCUSDT";
    private static final long T0 = ChartSeriesTest.T0;
    private static final long M = ChartSeriesTest.M;

    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    private Vertx vertx;
    private String base;
    private int port;

    @TempDir
    Path data;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        StatusServer server = new StatusServer(
                new StatusServer.Settings("127.0.0.1", 0, null, "dash-it", StatusView.DEFAULT_STALE_STREAM_MILLIS),
                Clock.systemUTC(),
                new DashboardSettings(60_000, StrategyConfig.defaults(), data, 100));
        vertx.deployVerticle(server).await(30, TimeUnit.SECONDS);
        port = server.actualPort();
        base = "http://127.0.0.1:" + port;
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void historyServesWhatTheBusCarriedAndListsTheStreams() throws Exception {
        vertx.eventBus().publish(Addresses.CANDLES_CLOSED, ChartSeriesTest.candle(T0, "101", true));
        vertx.eventBus().publish(Addresses.BANDS, ChartSeriesTest.bands(T0, 100, true));
        vertx.eventBus().publish(Addresses.CANDLES_LIVE, ChartSeriesTest.candle(T0 + M, "102", false));

        JsonObject h = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> json(get("/history?instrument=" + BTC + "&interval=1m")),
                        j -> j.getJsonArray("bands").size() == 1 && j.getValue("live") != null);
        assertThat(h.getJsonArray("candles").getJsonArray(0).getDouble(2)).isEqualTo(101.0);
        assertThat(h.getString("source")).isEqualTo("memory");
        assertThat(h.getLong("maxSignalAgeMillis")).isEqualTo(60_000);
        assertThat(json(get("/history"))
                        .getJsonArray("streams")
                        .getJsonObject(0)
                        .getString("instrument"))
                .isEqualTo(BTC);
    }

    @Test
    void theEventStreamCarriesOnlyTheChosenStream() throws Exception {
        StringBuilder received = new StringBuilder();
        HttpClient client = vertx.createHttpClient();
        // The handler is set on the event loop as the response arrives, so no chunk comes before it.
        HttpClientResponse response = client.request(
                        HttpMethod.GET, port, "127.0.0.1", "/events?instrument=" + BTC + "&interval=1m")
                .compose(req -> req.send()
                        .map(resp -> resp.handler(buf -> {
                            synchronized (received) {
                                received.append(buf.toString());
                            }
                        })))
                .await(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");
        await().atMost(Duration.ofSeconds(10)).until(() -> text(received).contains("event: hello"));

        vertx.eventBus().publish(Addresses.CANDLES_LIVE, other(ChartSeriesTest.BTC, Interval.M5));
        vertx.eventBus().publish(Addresses.CANDLES_LIVE, other(Instrument.parse("bithumb:spot:KRW-BTC"), Interval.M1));
        vertx.eventBus().publish(Addresses.CANDLES_LIVE, ChartSeriesTest.candle(T0, "103", false));

        await().atMost(Duration.ofSeconds(10)).until(() -> text(received).contains("event: live"));
        String events = text(received);
        assertThat(events).contains("event: live\ndata: [" + T0 + ",100.0,103.0,");
        assertThat(events.split("event: live", -1))
                .as("one live event: the others were filtered out")
                .hasSize(2);
        client.close();
    }

    @Test
    void theChartLibraryIsServedFromTheJarAndThePageLoadsIt() throws Exception {
        HttpResponse<String> lib = get(Dashboard.ECHARTS_PATH);
        assertThat(lib.statusCode()).isEqualTo(200);
        assertThat(lib.body()).contains("echarts");
        assertThat(get("/").body()).contains("<script src=\"" + Dashboard.ECHARTS_PATH + "\">");
    }

    @Test
    void badParametersAndAMissingDatasetAreNamed() throws Exception {
        HttpResponse<String> badInterval = get("/events?instrument=" + BTC + "&interval=7m");
        assertThat(badInterval.statusCode()).isEqualTo(400);
        assertThat(badInterval.body()).contains("interval: expected one of");
        HttpResponse<String> noInstrument = get("/history?interval=1m");
        assertThat(noInstrument.statusCode()).isEqualTo(400);
        assertThat(noInstrument.body()).contains("instrument: expected exchange:market:SYMBOL");
        assertThat(get("/history?instrument=" + BTC + "&interval=1m&source=disk")
                        .body())
                .contains("source: expected memory or dataset, was 'disk'");
        HttpResponse<String> dataset = get("/history?instrument=" + BTC + "&interval=1m&source=dataset");
        assertThat(dataset.statusCode()).isEqualTo(404);
        assertThat(dataset.body()).contains("no recorded candles of " + BTC);
    }

    /** A candle in progress at T0 of another stream than the page follows. */
    private static Candle other(Instrument instrument, Interval interval) {
        Candle c = ChartSeriesTest.candle(T0, "101", false);
        return new Candle(
                instrument,
                interval,
                T0,
                c.open(),
                c.high(),
                c.low(),
                c.close(),
                c.volume(),
                c.quoteVolume(),
                c.tradeCount(),
                c.takerBuyBaseVolume(),
                c.takerBuyQuoteVolume(),
                false,
                c.source());
    }

    private static String text(StringBuilder sb) {
        synchronized (sb) {
            return sb.toString();
        }
    }

    private static JsonObject json(HttpResponse<String> r) {
        return new JsonObject(r.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
