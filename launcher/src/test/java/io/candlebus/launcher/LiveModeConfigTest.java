package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Exchange;
import io.candlebus.order.OrderConfig;
import io.candlebus.order.OrderEndpoints;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live order mode's start-up checks: keys from the environment, endpoints, the journal directory. */
class LiveModeConfigTest {
    private static final Map<String, String> BINANCE_KEYS = Map.of(
            "CANDLEBUS_BINANCE_API_KEY", "k-binance-visible", "CANDLEBUS_BINANCE_API_SECRET", "s-binance-hidden");
    private static final Map<String, String> ALL_KEYS = Map.of(
            "CANDLEBUS_BINANCE_API_KEY", "k-binance-visible",
            "CANDLEBUS_BINANCE_API_SECRET", "s-binance-hidden",
            "CANDLEBUS_BITHUMB_ACCESS_KEY", "k-bithumb-visible",
            "CANDLEBUS_BITHUMB_SECRET_KEY", "s-bithumb-hidden");

    @Test
    void liveModeWithoutAVenuesKeysExitsTwoNamingTheVariableBeforeAnythingDeploys(@TempDir Path data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {
                    "--order-mode", "live",
                    "--instruments", "binance:spot:BTCUSDT,bithumb:spot:KRW-BTC",
                    "--data", data.resolve("d").toString(),
                    "--http-port", "0"
                },
                BINANCE_KEYS,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(stderr.lines().findFirst().orElseThrow())
                .startsWith("candlebus: configuration error: order.mode live trades binance and bithumb")
                .contains("CANDLEBUS_BITHUMB_ACCESS_KEY: expected the Bithumb API key in the environment, was 'unset'");
        assertThat(stderr).doesNotContain("k-binance-visible").doesNotContain("s-binance-hidden");
        // Refused before anything was created: not even the data directory.
        assertThat(Files.exists(data.resolve("d"))).isFalse();
    }

    @Test
    void aHalfSetPairNamesTheMissingVariableAndNeverAValue() {
        Map<String, String> env = Map.of("CANDLEBUS_BINANCE_API_KEY", "k-binance-visible");
        assertThatThrownBy(() -> AppConfig.fromJson(live("binance:usdm:BTCUSDT"), env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CANDLEBUS_BINANCE_API_SECRET: expected the Binance API key in the environment,"
                        + " was 'unset'")
                .hasMessageNotContaining("k-binance-visible");
    }

    @Test
    void onlyTheVenuesTradedNeedKeysAndThePrintedConfigShowsNone() {
        AppConfig config = AppConfig.fromJson(live("binance:spot:BTCUSDT"), ALL_KEYS);
        assertThat(config.orderKeys()).containsOnlyKeys(Exchange.BINANCE);
        assertThat(config.toString()).doesNotContain("visible").doesNotContain("hidden");
        // An order instrument of another venue makes that venue traded too.
        JsonObject tree = live("binance:spot:BTCUSDT");
        tree.getJsonObject("order").put("instruments", new JsonObject().put("bithumb:spot:KRW-XRP", new JsonObject()));
        assertThatThrownBy(() -> AppConfig.fromJson(tree, BINANCE_KEYS))
                .hasMessageContaining("CANDLEBUS_BITHUMB_ACCESS_KEY");
    }

    @Test
    void paperModeAndNodesWithoutTheOrderRoleNeedNoKeys() {
        JsonObject paper = live("bithumb:spot:KRW-BTC");
        paper.getJsonObject("order").put("mode", "paper");
        assertThat(AppConfig.fromJson(paper, Map.of()).orderKeys()).isEmpty();
        JsonObject noOrderRole = live("bithumb:spot:KRW-BTC").put("roles", "market,http");
        assertThat(AppConfig.fromJson(noOrderRole, Map.of()).orderKeys()).isEmpty();
    }

    @Test
    void aLowerLayerInLiveModeOverriddenToPaperNeedsNoKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, live("bithumb:spot:KRW-BTC").encode());
        ConfigLoader.Loaded loaded =
                ConfigLoader.load(new String[] {"--config", file.toString(), "--order-mode", "paper"}, Map.of());
        assertThat(AppConfig.fromLayers(loaded, Map.of()).order().live()).isFalse();
    }

    @Test
    void anOrderNodeWithoutTheSimulatorMustNameItsEndpointsUnderSourceSim() {
        JsonObject tree = live("bithumb:spot:KRW-BTC").put("roles", "order,http");
        assertThatThrownBy(() -> AppConfig.fromJson(tree, ALL_KEYS))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("order.bithumb.restUrl: expected set in the config file");
        tree.getJsonObject("order").put("bithumb", new JsonObject().put("restUrl", "http://127.0.0.1:9/bithumb"));
        assertThat(AppConfig.fromJson(tree, ALL_KEYS).orderKeys()).containsOnlyKeys(Exchange.BITHUMB);
    }

    @Test
    void anEndpointSetInTheConfigWinsInEveryModeAndUnsetOnesFollowTheSource() {
        OrderEndpoints sim = new OrderEndpoints(
                "http://127.0.0.1:1/bithumb",
                "http://127.0.0.1:1/binance/spot",
                "http://127.0.0.1:1/binance/usdm",
                "http://127.0.0.1:1/binance/coinm");
        OrderConfig unset = OrderConfig.defaults().withMode(OrderConfig.LIVE);
        assertThat(LiveOrderChecks.endpoints(unset, sim)).isEqualTo(sim);
        assertThat(LiveOrderChecks.endpoints(unset, null))
                .isEqualTo(new OrderEndpoints(
                        "https://api.bithumb.com",
                        "https://api.binance.com",
                        "https://fapi.binance.com",
                        "https://dapi.binance.com"));
        OrderConfig explicit = unset.withEndpoints(new OrderEndpoints("https://orders.example", null, null, null));
        assertThat(LiveOrderChecks.endpoints(explicit, sim).bithumb()).isEqualTo("https://orders.example");
        assertThat(LiveOrderChecks.endpoints(explicit, sim).binanceSpot()).isEqualTo(sim.binanceSpot());
        assertThat(LiveOrderChecks.endpoints(explicit, null).bithumb()).isEqualTo("https://orders.example");
    }

    @Test
    void theJournalLivesUnderTheDataDirectoryUnlessConfigured() {
        JsonObject tree = live("binance:spot:BTCUSDT").put("recorder", new JsonObject().put("dataDir", "/srv/cb"));
        assertThat(AppConfig.fromJson(tree, ALL_KEYS).orderJournalDir()).isEqualTo(Path.of("/srv/cb/orders"));
        tree.getJsonObject("order").put("journalDir", "/var/lib/cb-orders");
        assertThat(AppConfig.fromJson(tree, ALL_KEYS).orderJournalDir()).isEqualTo(Path.of("/var/lib/cb-orders"));
    }

    @Test
    void theUsageListsTheKeyVariables() {
        assertThat(Main.usage())
                .contains("CANDLEBUS_BITHUMB_ACCESS_KEY")
                .contains("CANDLEBUS_BITHUMB_SECRET_KEY")
                .contains("CANDLEBUS_BINANCE_API_KEY")
                .contains("CANDLEBUS_BINANCE_API_SECRET")
                .contains("paper (default) or live");
    }

    private static JsonObject live(String instrument) {
        return new JsonObject()
                .put("market", new JsonObject().put("instruments", new io.vertx.core.json.JsonArray().add(instrument)))
                .put("order", new JsonObject().put("mode", "live"));
    }
}
