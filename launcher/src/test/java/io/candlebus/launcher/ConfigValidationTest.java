package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.candlebus.launcher.http.HttpLimits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every setting is checked before anything deploys, in every layer, and errors stay on one line. */
class ConfigValidationTest {

    private static AppConfig config(Map<String, String> env, String... args) {
        return AppConfig.fromLayers(ConfigLoader.load(args, env), env);
    }

    @Test
    void aBadHttpHostIsAConfigErrorNamingTheField() {
        assertThatThrownBy(() -> config(Map.of(), "--http-host", "999.1.1.1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.host: expected an IPv4 address such as 127.0.0.1, an IPv6 address or a host name,"
                        + " was '999.1.1.1'");
        assertThatThrownBy(() -> config(Map.of("CANDLEBUS_HTTP_HOST", "203.0.113.7")))
                .hasMessageStartingWith("http.host: expected an address of this machine");
        assertThat(config(Map.of(), "--http-host", "::1").http().host()).isEqualTo("::1");
    }

    @Test
    void clusterHostsAndMembersAreChecked() {
        assertThatThrownBy(() -> config(Map.of(), "--cluster-host", "localhost"))
                .hasMessageStartingWith("cluster.host: expected an IP address");
        assertThatThrownBy(() -> config(Map.of(), "--cluster-members", "127.0.0.1:5701,bad_host:5702"))
                .hasMessageStartingWith("cluster.members[1]: expected host or host:port");
        assertThatThrownBy(() -> config(Map.of(), "--cluster-name", "prod cluster"))
                .hasMessageStartingWith("cluster.name: expected 1 to 100 of the characters");
        assertThatThrownBy(() -> config(Map.of(), "--cluster-port", "65530"))
                .hasMessage("cluster.port: expected an integer from 1 to 65516, was 65530");
    }

    @Test
    void simulatorSpeedHasARange() {
        assertThatThrownBy(() -> config(Map.of(), "--sim-speed", "1e308"))
                .hasMessage("sim.speed: expected a number above 0 and at most 100000, was 1.0E308");
        assertThatThrownBy(() -> config(Map.of(), "--sim-speed", "0"))
                .hasMessage("sim.speed: expected a number above 0 and at most 100000, was 0.0");
        assertThatThrownBy(() -> config(Map.of(), "--sim-speed", "NaN")).isInstanceOf(ConfigException.class);
        assertThat(config(Map.of(), "--sim-speed", "100000").sim().speed()).isEqualTo(100_000);
    }

    @Test
    void nodeNamesCannotForgeLogLines() {
        assertThatThrownBy(() -> config(Map.of(), "--node", "n1\n10:00:00.000 ERROR fake"))
                .hasMessageStartingWith("node: expected text without control characters")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> config(Map.of(), "--node", "n 1"))
                .hasMessage("node: expected 1 to 100 of the characters A-Z a-z 0-9 . _ @ : + -, was 'n 1'");
        assertThat(config(Map.of(), "--node", "rec-1@host.example").node()).isEqualTo("rec-1@host.example");
        assertThat(AppConfig.defaultNodeName()).matches(ConfigChecks.NAME);
    }

    @Test
    void httpLimitsComeFromEveryLayerAndAreChecked() {
        HttpLimits d = config(Map.of()).http().limits();
        assertThat(d).isEqualTo(HttpLimits.defaults());
        assertThat(d.maxConnections()).isEqualTo(512);
        HttpLimits set = config(
                        Map.of("CANDLEBUS_HTTP_MAX_CONNECTIONS", "50"),
                        "--http-idle-timeout-millis",
                        "5000",
                        "--http-header-timeout-millis=2000",
                        "--http-max-body-bytes",
                        "1024")
                .http()
                .limits();
        assertThat(set).isEqualTo(new HttpLimits(50, 5_000, 2_000, 1_024));
        assertThatThrownBy(() -> config(Map.of(), "--http-max-connections", "0"))
                .hasMessage("http.maxConnections: expected an integer from 1 to 1000000, was 0");
        assertThatThrownBy(() -> config(Map.of(), "--http-header-timeout-millis", "10"))
                .hasMessage("http.headerTimeoutMillis: expected an integer from 100 to 600000, was 10");
        assertThatThrownBy(() -> config(Map.of(), "--http-max-body-bytes", "99999999"))
                .hasMessage("http.maxBodyBytes: expected an integer from 256 to 1048576, was 99999999");
    }

    @Test
    void aBadValueInALowerLayerIsReportedEvenWhenOverridden(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"http\":{\"port\":70000},\"sim\":{\"speed\":1e308}}");
        assertThatThrownBy(() -> config(
                        Map.of("CANDLEBUS_HTTP_PORT", "8081", "CANDLEBUS_SIM_SPEED", "2"), "--config", file.toString()))
                .hasMessage("http.port: expected an integer from 0 to 65535, was 70000 (in the config file " + file
                        + "; a later layer overrides it, but every layer must be valid)");
        assertThatThrownBy(() -> config(Map.of("CANDLEBUS_HTTP_HOST", "999.1.1.1"), "--http-host", "127.0.0.1"))
                .hasMessageStartingWith("http.host: expected an IPv4 address")
                .hasMessageEndingWith("(in the CANDLEBUS_* environment variables; a later layer overrides it, but"
                        + " every layer must be valid)");
        Files.writeString(file, "{\"http\":{\"port\":9000}}");
        assertThat(config(Map.of(), "--config", file.toString(), "--http-port", "9001")
                        .http()
                        .port())
                .isEqualTo(9001);
    }

    @Test
    void urlsAndModuleSettingsInTheFileAreCheckedBeforeAnythingDeploys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"market\":{\"bithumb\":{\"wsUrl\":\"http://ws.example.com\"}}}");
        assertThatThrownBy(() -> config(Map.of(), "--config", file.toString()))
                .hasMessage("market.bithumb.wsUrl: expected a ws:// or wss:// URL, was 'http://ws.example.com'");
        Files.writeString(file, "{\"market\":{\"binance\":{\"spot\":{\"restUrl\":\"https://a b\"}}}}");
        assertThatThrownBy(() -> config(Map.of(), "--config", file.toString()))
                .hasMessage("market.binance.spot.restUrl: expected an http:// or https:// URL, was 'https://a b'");
        Files.writeString(file, "{\"market\":{\"tickMillis\":0}}");
        assertThatThrownBy(() -> config(Map.of(), "--config", file.toString()))
                .hasMessage("market.tickMillis: expected an integer from 1 to 10000, was 0");
        Files.writeString(file, "{\"recorder\":{\"dataDir\":\"/tmp/a\\nb\"}}");
        assertThatThrownBy(() -> config(Map.of(), "--config", file.toString()))
                .hasMessageStartingWith("recorder.dataDir: expected text without control characters");
    }

    @Test
    void mainPrintsOneLineNamingTheField() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"--node", "a\nb", "--http-port", "0"},
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "candlebus: configuration error: node: expected text without control characters (newline,"
                                + " tab, escape), was 'a\\nb'",
                        "Run with --help for the options.");
    }
}
