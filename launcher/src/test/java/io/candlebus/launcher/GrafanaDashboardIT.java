package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code docs/grafana/candlebus-dashboard.json} true: every metric its queries use, and every
 * component/counter pair they select, is served at {@code /metrics} by a running demo node.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GrafanaDashboardIT {
    private static final Pattern METRIC = Pattern.compile("\\b((?:candlebus|jvm|vertx)_[a-z_]+)");
    /** A component/counter pair, the component matched exactly ({@code =}) or by a regular expression ({@code =~}). */
    private static final Pattern COUNTER = Pattern.compile("component(=~?)\"([^\"]+)\",counter=\"([^\"]+)\"");
    /** A served counter line's component and counter. */
    private static final Pattern SERVED =
            Pattern.compile("candlebus_component_counter\\{component=\"([^\"]+)\",counter=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private Node node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close().await(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyMetricTheDashboardQueriesIsServed(@TempDir Path data) throws Exception {
        JsonObject json =
                new JsonObject(Files.readString(Path.of("..", "docs", "grafana", "candlebus-dashboard.json")));
        StringBuilder exprs = new StringBuilder();
        for (Object panel : json.getJsonArray("panels")) {
            for (Object target : ((JsonObject) panel).getJsonArray("targets")) {
                exprs.append(((JsonObject) target).getString("expr")).append('\n');
            }
        }
        String dashboard = exprs.toString();
        Set<String> metrics = new TreeSet<>();
        Set<String> counters = new TreeSet<>();
        Matcher m = METRIC.matcher(dashboard);
        while (m.find()) {
            metrics.add(m.group(1));
        }
        Matcher c = COUNTER.matcher(dashboard);
        while (c.find()) {
            // As a regular expression either way: an exact match is one that quotes its own characters.
            String component = c.group(1).equals("=~") ? c.group(2) : Pattern.quote(c.group(2));
            counters.add(component + "\n" + c.group(3));
        }
        assertThat(metrics).contains("candlebus_stream_age_seconds", "candlebus_component_counter");
        assertThat(counters).isNotEmpty();

        node = Node.start(AppConfig.fromJson(
                        new JsonObject()
                                .put("node", "grafana-it")
                                .put("http", new JsonObject().put("port", 0))
                                .put("sim", new JsonObject().put("speed", 60))
                                .put("recorder", new JsonObject().put("dataDir", data.toString())),
                        Map.of()))
                .await(120, TimeUnit.SECONDS);
        String url = "http://127.0.0.1:" + node.httpPort() + "/metrics";

        String served = await("every dashboard metric served")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> get(url),
                        body -> metrics.stream().allMatch(body::contains)
                                && counters.stream().allMatch(pair -> served(body, pair)));
        assertThat(served).contains("candlebus_stream_age_seconds{instrument=\"binance:spot:BTCUSDT\"");
    }

    /** Returns whether {@code body} serves a counter whose component matches and whose name equals {@code pair}'s. */
    private static boolean served(String body, String pair) {
        Pattern component = Pattern.compile(pair.substring(0, pair.indexOf('\n')));
        String counter = pair.substring(pair.indexOf('\n') + 1);
        Matcher m = SERVED.matcher(body);
        while (m.find()) {
            if (component.matcher(m.group(1)).matches() && m.group(2).equals(counter)) {
                return true;
            }
        }
        return false;
    }

    private String get(String url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
