package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static AppConfig config(Map<String, String> env, String... args) {
        return AppConfig.fromJson(ConfigLoader.load(args, env).tree(), env);
    }

    @Test
    void noArgumentsGiveTheDemo() {
        AppConfig c = config(Map.of());
        assertThat(c.roles()).isEqualTo(Role.all());
        assertThat(c.source()).isEqualTo(AppConfig.Source.SIM);
        assertThat(c.http().port()).isEqualTo(8080);
        assertThat(c.recorder().dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.cluster().enabled()).isFalse();
        assertThat(c.market().instruments()).isNotEmpty();
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"http\":{\"port\":9000,\"host\":\"0.0.0.0\"},\"roles\":\"recorder\"}");
        Map<String, String> env = Map.of("CANDLEBUS_CONFIG", file.toString(), "CANDLEBUS_HTTP_PORT", "9001");
        AppConfig fromEnv = config(env);
        assertThat(fromEnv.http().port()).isEqualTo(9001);
        assertThat(fromEnv.http().host()).isEqualTo("0.0.0.0");
        assertThat(fromEnv.roles()).containsExactly(Role.RECORDER);
        AppConfig fromFlag = config(env, "--http-port", "9002", "--roles=market,http", "--cluster");
        assertThat(fromFlag.http().port()).isEqualTo(9002);
        assertThat(fromFlag.roles()).containsExactly(Role.MARKET, Role.HTTP);
        assertThat(fromFlag.cluster().enabled()).isTrue();
    }

    @Test
    void theEventBusPortIsAnyFreePortUnlessSet() {
        assertThat(config(Map.of()).cluster().busPort()).isZero();
        assertThat(config(Map.of(), "--cluster-bus-port", "15801").cluster().busPort())
                .isEqualTo(15801);
        assertThat(config(Map.of("CANDLEBUS_CLUSTER_BUS_PORT", "15802"))
                        .cluster()
                        .busPort())
                .isEqualTo(15802);
        assertThatThrownBy(() -> config(Map.of(), "--cluster-bus-port", "65536"))
                .hasMessage("cluster.busPort: expected an integer from 0 to 65535, was 65536");
    }

    @Test
    void dataFlagSetsTheRecorderDirectory() {
        assertThat(config(Map.of(), "--data", "/tmp/x").recorder().dataDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void errorsNameTheFieldAndWhatWasExpected(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> config(Map.of(), "--http-port", "http"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--http-port (http.port): expected an integer, was 'http'");
        assertThatThrownBy(() -> config(Map.of("CANDLEBUS_HTTP_PORT", "70000")))
                .hasMessage("http.port: expected an integer from 0 to 65535, was 70000");
        assertThatThrownBy(() -> config(Map.of(), "--roles", "market,trader"))
                .hasMessage(
                        "roles: expected one of market, strategy, order, recorder, http, alerts, feeds, candles or all, was"
                                + " 'trader'");
        assertThatThrownBy(() -> config(Map.of(), "--frobnicate"))
                .hasMessageStartingWith("command line: expected one of --config, --node");
        assertThatThrownBy(() -> config(Map.of(), "--source", "binance"))
                .hasMessage("source: expected sim or live, was 'binance'");
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"http\":{\"prot\":1}}");
        assertThatThrownBy(() -> config(Map.of(), "--config", file.toString()))
                .hasMessage("http.prot: unknown key, expected one of goneAfterMillis, headerTimeoutMillis, host,"
                        + " idleTimeoutMillis, maxBodyBytes, maxConnections, maxUnacknowledgedCandles, port,"
                        + " staleStreamMillis, startupGraceMillis");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> config(Map.of(), "--config", file.toString()))
                .hasMessageContaining("expected a JSON object, was invalid JSON");
    }

    @Test
    void theStaleStreamThresholdComesFromEveryLayerAndIsChecked(@TempDir Path dir) throws Exception {
        assertThat(config(Map.of()).http().staleStreamMillis()).isEqualTo(120_000);
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"http\":{\"staleStreamMillis\":300000}}");
        assertThat(config(Map.of(), "--config", file.toString()).http().staleStreamMillis())
                .isEqualTo(300_000);
        Map<String, String> env = Map.of("CANDLEBUS_STALE_STREAM_MILLIS", "60000");
        assertThat(config(env, "--config", file.toString()).http().staleStreamMillis())
                .isEqualTo(60_000);
        assertThat(config(env, "--stale-stream-millis=90000").http().staleStreamMillis())
                .isEqualTo(90_000);
        assertThatThrownBy(() -> config(Map.of(), "--stale-stream-millis", "999"))
                .hasMessage("http.staleStreamMillis: expected an integer from 1000 to 604800000, was 999");
        assertThatThrownBy(() -> config(Map.of(), "--stale-stream-millis", "2m"))
                .hasMessage("--stale-stream-millis (http.staleStreamMillis): expected an integer, was '2m'");
    }

    @Test
    void controlTokenComesFromTheEnvironmentAndIsNeverPrinted() {
        AppConfig c = config(Map.of("CANDLEBUS_CONTROL_TOKEN", "s3cret-token"));
        assertThat(c.http().controlToken()).isEqualTo("s3cret-token");
        assertThat(c.toString()).doesNotContain("s3cret-token");
    }

    @Test
    void usageListsEveryFlagAndEnvironmentVariable() {
        String usage = Main.usage();
        for (Setting s : Setting.ALL) {
            assertThat(usage).contains(s.flag()).contains(s.env());
        }
    }
}
