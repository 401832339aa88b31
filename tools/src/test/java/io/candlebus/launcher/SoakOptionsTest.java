package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Instrument;
import io.candlebus.market.MarketConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakOptionsTest {

    @Test
    void defaultsToADayWithAThousandFaults() {
        SoakOptions o = SoakOptions.parse(List.of());

        assertThat(o.simHours()).isEqualTo(24);
        assertThat(o.faults()).isEqualTo(1000);
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.speed()).isEqualTo(SoakOptions.DEFAULT_SPEED);
        assertThat(o.data()).isNull();
        assertThat(o.instruments()).isEmpty();
        assertThat(o.feedConnections()).isEqualTo(1);
    }

    @Test
    void readsEveryOptionInBothForms() {
        SoakOptions o = SoakOptions.parse(List.of(
                "--sim-hours",
                "2.5",
                "--faults=40",
                "--seed",
                "-3",
                "--speed=900",
                "--data",
                "/tmp/x",
                "--instruments",
                "binance:spot:BTCUSDT, bithumb:spot:KRW-BTC",
                "--feed-connections=2"));

        assertThat(o.simHours()).isEqualTo(2.5);
        assertThat(o.faults()).isEqualTo(40);
        assertThat(o.seed()).isEqualTo(-3);
        assertThat(o.speed()).isEqualTo(900);
        assertThat(o.data()).isEqualTo(Path.of("/tmp/x"));
        assertThat(o.instruments())
                .containsExactly(Instrument.parse("binance:spot:BTCUSDT"), Instrument.parse("bithumb:spot:KRW-BTC"));
        assertThat(o.feedConnections()).isEqualTo(2);
        assertThat(SoakOptions.parse(List.of("--feed-connections", "16")).feedConnections())
                .isEqualTo(16);
    }

    @Test
    void theNodesMarketTakesTheFeedConnections() {
        SoakOptions o = SoakOptions.parse(List.of("--feed-connections", "3"));

        JsonObject market = SoakRun.marketConfig(o, new JsonArray().add("1m"), 60_000);

        assertThat(MarketConfig.fromJson(market, "market").feedConnections()).isEqualTo(3);
        assertThat(MarketConfig.fromJson(
                                SoakRun.marketConfig(SoakOptions.parse(List.of()), new JsonArray().add("1m"), 60_000),
                                "market")
                        .feedConnections())
                .isEqualTo(1);
    }

    @Test
    void namesTheBadOptionAndWhatWasExpected() {
        assertThatThrownBy(() -> SoakOptions.parse(List.of("--sim-hours", "a day")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--sim-hours: expected a number of hours from 0.5, was 'a day'");
        assertThatThrownBy(() -> SoakOptions.parse(List.of("--sim-hours", "0.1")))
                .hasMessage("--sim-hours: expected a number of hours from 0.5, was '0.1'");
        assertThatThrownBy(() -> SoakOptions.parse(List.of("--faults", "-1")))
                .hasMessage("--faults: expected an integer from 0 to 1000000, was '-1'");
        assertThatThrownBy(() -> SoakOptions.parse(List.of("--speed", "0")))
                .hasMessage("--speed: expected a number from 1 to 5000, was '0'");
        assertThatThrownBy(() -> SoakOptions.parse(List.of("--seed")))
                .hasMessage("--seed: expected a value after the option, was nothing");
        assertThatThrownBy(() -> SoakOptions.parse(List.of("--instruments", "kraken:spot:XBTUSD")))
                .hasMessageStartingWith("--instruments: expected instrument keys such as binance:spot:BTCUSDT");
        assertThatThrownBy(() -> SoakOptions.parse(List.of("--feed-connections", "0")))
                .hasMessage("--feed-connections: expected an integer from 1 to 16, was '0'");
        assertThatThrownBy(() -> SoakOptions.parse(List.of("--feed-connections=17")))
                .hasMessage("--feed-connections: expected an integer from 1 to 16, was '17'");
        assertThatThrownBy(() -> SoakOptions.parse(List.of("--feed-connections", "two")))
                .hasMessage("--feed-connections: expected an integer from 1 to 16, was 'two'");
        assertThatThrownBy(() -> SoakOptions.parse(List.of("--hours", "3")))
                .hasMessageStartingWith("soak: expected one of --sim-hours, --faults,")
                .hasMessageEndingWith("was '--hours'");
    }

    @Test
    void theCommandExitsWithTwoOnABadOptionAndPrintsUsageOnHelp(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(ToolMain.run(new String[] {"soak", "--faults", "many"}, java.util.Map.of(), o, e))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("candlebus soak: --faults: expected an integer from 0 to 1000000, was 'many'");
        Files.createDirectories(dir.resolve("candles"));
        assertThat(ToolMain.run(new String[] {"soak", "--data", dir.toString()}, java.util.Map.of(), o, e))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--data: expected a new directory or one without a candles/ dataset");
        assertThat(ToolMain.run(new String[] {"soak", "--help"}, java.util.Map.of(), o, e))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--sim-hours H")
                .contains("--faults N")
                .contains("--feed-connections N");
    }
}
