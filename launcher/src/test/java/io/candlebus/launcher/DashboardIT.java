package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Signal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * Drives a real Chromium (Debian's {@code chromium} and {@code chromium-driver}) against a node on the
 * simulator: the chart shows the candles and bands the bus carried for a Binance and a Bithumb instrument,
 * the candle in progress changes without a reload, and a signal raised while the page is open appears as a
 * marker. Leaves a screenshot at {@code target/dashboard.png}. Without a browser it is skipped, except on CI
 * ({@code CI=true}), where it fails.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class DashboardIT {
    private static final String BINANCE = "binance:spot:BTCUSDT";
    private static final String BITHUMB = "bithumb:spot:KRW-BTC";
    private static final Path DRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    private static final Path BROWSER = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));

    /** Reads what the chart draws, through ECharts' own API. */
    private static final String CHART = "const c = echarts.getInstanceByDom(document.getElementById('chart'));"
            + " if (!c) return null; const o = c.getOption(); if (!o.series || !o.series.length) return null;"
            + " return JSON.stringify({title: o.title[0].text, x: o.xAxis[0].data, candles: o.series[0].data,"
            + " upper: o.series[1].data, middle: o.series[2].data, lower: o.series[3].data,"
            + " marks: (o.series[0].markPoint || {}).data || []});";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Candle> closed = new ConcurrentHashMap<>();
    private final Map<String, Bands> bands = new ConcurrentHashMap<>();
    private final Map<String, Signal> signals = new ConcurrentHashMap<>();
    private Node node;
    private ChromeDriver browser;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (node != null) {
            node.close().await(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theChartShowsTheBusDataUpdatesLiveAndMarksSignals(@TempDir Path data) throws Exception {
        requireBrowser();
        AppConfig config = AppConfig.fromJson(
                new JsonObject()
                        .put("node", "dashboard-it")
                        .put("http", new JsonObject().put("port", 0))
                        .put("sim", new JsonObject().put("speed", 60.0).put("seed", 7))
                        .put(
                                "recorder",
                                new JsonObject().put("dataDir", data.toString()).put("flushIntervalMillis", 500))
                        .put(
                                "market",
                                new JsonObject()
                                        .put(
                                                "instruments",
                                                new JsonArray().add(BINANCE).add(BITHUMB))
                                        .put("intervals", new JsonArray().add("1m")))
                        // Every rule: signals come every few candles, so one is raised while the page is open.
                        .put(
                                "strategy",
                                new JsonObject()
                                        .put(
                                                "rules",
                                                new JsonArray()
                                                        .add("band_cross")
                                                        .add("band_touch")
                                                        .add("sma_cross"))),
                Map.of());
        node = Node.start(config, vertx -> {
                    vertx.eventBus()
                            .<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closed.put(key(m.body()), m.body()));
                    vertx.eventBus().<Bands>consumer(Addresses.BANDS, m -> {
                        if (m.body().closed()) {
                            bands.put(
                                    m.body().instrument().key() + "/" + m.body().openTime(), m.body());
                        }
                    });
                    vertx.eventBus()
                            .<Signal>consumer(
                                    Addresses.SIGNALS, m -> signals.put(m.body().id(), m.body()));
                })
                .await(120, TimeUnit.SECONDS);
        String base = "http://127.0.0.1:" + node.httpPort();
        browser = startBrowser();
        browser.get(base + "/?instrument=" + BINANCE + "&interval=1m");
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        JsonObject first = await("Binance candles and bands drawn")
                .atMost(Duration.ofSeconds(60))
                .until(this::chart, c -> c != null && c.getString("title").startsWith(BINANCE) && bandsDrawn(c) >= 5);
        assertMatchesTheBus(first, BINANCE);

        // The candle in progress changes while the page stays loaded.
        JsonArray x0 = first.getJsonArray("x");
        String lastTime = x0.getString(x0.size() - 1);
        JsonArray lastCandle = first.getJsonArray("candles").getJsonArray(x0.size() - 1);
        await("the live candle changes without a reload")
                .atMost(Duration.ofSeconds(30))
                .until(() -> {
                    JsonObject now = chart();
                    JsonArray x = now.getJsonArray("x");
                    return !x.getString(x.size() - 1).equals(lastTime)
                            || !now.getJsonArray("candles")
                                    .getJsonArray(x.size() - 1)
                                    .equals(lastCandle);
                });

        // A signal raised after the page loaded reaches the chart as a marker, over the event stream.
        long loadedUpTo = Long.parseLong(lastTime);
        JsonObject marked = await("a live signal drawn as a marker")
                .atMost(Duration.ofSeconds(60))
                .until(this::chart, c -> liveSignalMarked(c, loadedUpTo) != null);
        Signal signal = liveSignalMarked(marked, loadedUpTo);
        assertThat(signal.instrument().key()).isEqualTo(BINANCE);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                .as("the page was not reloaded")
                .isEqualTo(true);
        assertMatchesTheBus(marked, BINANCE);
        // Warm-up signals (raised long after their candle closed, never traded) are listed apart from live ones.
        await("live and historical signals listed apart, with their interval")
                .atMost(Duration.ofSeconds(20))
                .until(() -> rows("signalsLive") > 0 && rows("signalsHistorical") > 0);
        assertThat(browser.findElement(By.id("signalsLive")).getText()).contains(" 1m ");
        screenshot();

        // Pick the Bithumb instrument in the page: the chart follows and the URL keeps the choice.
        new Select(browser.findElement(By.id("instrument"))).selectByVisibleText(BITHUMB);
        JsonObject bithumb = await("Bithumb candles and bands drawn")
                .atMost(Duration.ofSeconds(30))
                .until(this::chart, c -> c != null && c.getString("title").startsWith(BITHUMB) && bandsDrawn(c) >= 5);
        assertMatchesTheBus(bithumb, BITHUMB);
        assertThat(browser.getCurrentUrl()).contains("instrument=" + BITHUMB.replace(":", "%3A"));
        // The node runs the order role: its kill switch is known, and armed.
        await("the kill switch shown armed")
                .atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElement(By.id("killSwitch")).getText().equals("armed"));
        assertThat(browser.findElement(By.id("streams")).getText())
                .contains(BINANCE)
                .contains(BITHUMB);
        // The cluster's nodes, from the /status summary: this one, live, with its roles.
        assertThat(browser.findElement(By.id("nodes")).getText())
                .contains("dashboard-it live")
                .contains("market, strategy");

        // History from the recorded dataset, recomputed with the strategy's engine.
        JsonObject dataset = await("dataset history served")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> get(base + "/history?instrument=" + BINANCE + "&interval=1m&source=dataset"),
                        r -> r.statusCode() == 200
                                && new JsonObject(r.body())
                                                .getJsonArray("bands")
                                                .size()
                                        > 0)
                .body()
                .transform(JsonObject::new);
        JsonArray row = dataset.getJsonArray("candles").getJsonArray(0);
        Candle recorded = closed.get(BINANCE + "/" + row.getLong(0));
        assertThat(recorded).isNotNull();
        assertThat(row.getDouble(2)).isEqualTo(recorded.close().doubleValue());

        // The page asks for dataset history on request, and the URL keeps that too.
        await("Bithumb recorded")
                .atMost(Duration.ofSeconds(30))
                .until(() -> get(base + "/history?instrument=" + BITHUMB + "&interval=1m&source=dataset")
                                .statusCode()
                        == 200);
        browser.findElement(By.id("dataset")).click();
        await("the page shows dataset history")
                .atMost(Duration.ofSeconds(30))
                .until(() -> browser.findElement(By.id("chartNote")).getText().contains("recomputed from"));
        assertThat(browser.getCurrentUrl()).contains("source=dataset");
    }

    /** Every closed candle and band the chart draws is the one the bus carried. */
    private void assertMatchesTheBus(JsonObject chart, String instrument) {
        JsonArray x = chart.getJsonArray("x");
        int candles = 0;
        int bandRows = 0;
        // The last one is the candle in progress when the chart was read; it may have closed since.
        for (int i = 0; i < x.size() - 1; i++) {
            long openTime = Long.parseLong(x.getString(i));
            Candle c = closed.get(instrument + "/" + openTime);
            assertThat(c).as("closed candle at %d on the bus", openTime).isNotNull();
            JsonArray drawn = chart.getJsonArray("candles").getJsonArray(i);
            assertThat(drawn.getDouble(0))
                    .as("open at %d", openTime)
                    .isEqualTo(c.open().doubleValue());
            assertThat(drawn.getDouble(1))
                    .as("close at %d", openTime)
                    .isEqualTo(c.close().doubleValue());
            assertThat(drawn.getDouble(2))
                    .as("low at %d", openTime)
                    .isEqualTo(c.low().doubleValue());
            assertThat(drawn.getDouble(3))
                    .as("high at %d", openTime)
                    .isEqualTo(c.high().doubleValue());
            candles++;
            Bands b = bands.get(instrument + "/" + openTime);
            if (b != null && chart.getJsonArray("upper").getValue(i) instanceof Number upper) {
                assertThat(upper.doubleValue()).as("upper at %d", openTime).isEqualTo(b.upper());
                assertThat(((Number) chart.getJsonArray("middle").getValue(i)).doubleValue())
                        .isEqualTo(b.middle());
                assertThat(((Number) chart.getJsonArray("lower").getValue(i)).doubleValue())
                        .isEqualTo(b.lower());
                bandRows++;
            }
        }
        assertThat(candles).as("closed candles compared with the bus").isGreaterThanOrEqualTo(10);
        assertThat(bandRows).as("bands compared with the bus").isGreaterThanOrEqualTo(5);
    }

    /** Returns a signal the bus carried for a candle after {@code after} that the chart marks, or null. */
    private Signal liveSignalMarked(JsonObject chart, long after) {
        if (chart == null) {
            return null;
        }
        for (Object o : chart.getJsonArray("marks")) {
            JsonArray coord = ((JsonObject) o).getJsonArray("coord");
            long openTime = Long.parseLong(coord.getString(0));
            for (Signal s : signals.values()) {
                if (s.instrument().key().equals(BINANCE)
                        && s.interval() == Interval.M1
                        && s.openTime() == openTime
                        && openTime > after
                        && s.price().doubleValue() == coord.getDouble(1)) {
                    return s;
                }
            }
        }
        return null;
    }

    private int rows(String table) {
        return browser.findElements(By.cssSelector("#" + table + " tbody tr")).size();
    }

    private static int bandsDrawn(JsonObject chart) {
        int n = 0;
        for (Object v : chart.getJsonArray("upper")) {
            if (v instanceof Number) {
                n++;
            }
        }
        return n;
    }

    private JsonObject chart() {
        Object json = ((JavascriptExecutor) browser).executeScript(CHART);
        return json == null ? null : new JsonObject((String) json);
    }

    private void screenshot() throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String key(Candle c) {
        return c.instrument().key() + "/" + c.openTime();
    }

    /** Skips without a browser on a developer's machine; fails on CI, which must have installed one. */
    private static void requireBrowser() {
        if (Files.isExecutable(DRIVER) && Files.isExecutable(BROWSER)) {
            return;
        }
        String missing = "the browser test needs Debian's chromium and chromium-driver (" + BROWSER + ", " + DRIVER
                + "): apt-get install -y chromium chromium-driver";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("on CI " + missing + " (.ci/run installs them)");
        }
        Assumptions.abort("skipped: " + missing);
    }

    private static ChromeDriver startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1400,1400");
        // The system's chromedriver, named explicitly: Selenium Manager would try to download one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
