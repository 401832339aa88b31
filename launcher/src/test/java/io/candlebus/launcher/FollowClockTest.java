package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Market;
import io.candlebus.sim.SimClock;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code sim.followClock}: read, refused anywhere but against a simulator on this machine, and its clock. */
class FollowClockTest {
    private static final long SIM_TIME = 1_700_000_000_000L;

    @Test
    void aLiveNodeAgainstLoopbackEndpointsFollowsTheSimulatorsClock() {
        long wall = System.currentTimeMillis();
        AppConfig config = AppConfig.fromJson(node(loopbackMarket(), wall - 2_000), Map.of());

        assertThat(config.followClock()).isEqualTo(new FollowClock(SIM_TIME, wall - 2_000, 10));
        SimClock clock = config.followClock().clock();
        assertThat(clock.speed()).isEqualTo(10);
        // Two seconds of wall time since the simulator read SIM_TIME: twenty simulated seconds on.
        assertThat(clock.millis()).isBetween(SIM_TIME + 20_000, SIM_TIME + 20_000 + 10 * 1_000);
    }

    @Test
    void unsetMeansTheWallClock() {
        JsonObject tree = node(loopbackMarket(), 0);
        tree.remove("sim");
        assertThat(AppConfig.fromJson(tree, Map.of()).followClock()).isNull();
    }

    @Test
    void refusedWithARealVenuesEndpoint() {
        JsonObject market = loopbackMarket();
        // Upbit left at its default: the real host.
        market.remove("upbit");
        assertThatThrownBy(() -> AppConfig.fromJson(node(market, 0), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sim.followClock: expected every market endpoint on loopback (a simulator on this machine;"
                        + " it is for tests), was 'market.upbit.restUrl https://api.upbit.com'");
    }

    @Test
    void refusedWithSourceSimAndWithLiveOrders() {
        JsonObject sim = node(loopbackMarket(), 0).put("source", "sim");
        assertThatThrownBy(() -> AppConfig.fromJson(sim, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sim.followClock: expected source live");

        JsonObject liveOrders =
                node(loopbackMarket(), 0).put("roles", "market").put("order", new JsonObject().put("mode", "live"));
        assertThatThrownBy(() -> AppConfig.fromJson(liveOrders, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sim.followClock: expected order.mode paper");
    }

    @Test
    void everyFieldIsNeededAndChecked() {
        JsonObject missing = node(loopbackMarket(), 0);
        missing.getJsonObject("sim").getJsonObject("followClock").remove("wallTime");
        assertThatThrownBy(() -> AppConfig.fromJson(missing, Map.of()))
                .hasMessage("sim.followClock.wallTime: expected set (simTime, wallTime and speed are all needed),"
                        + " was null");

        JsonObject slow = node(loopbackMarket(), 0);
        slow.getJsonObject("sim").getJsonObject("followClock").put("speed", 0);
        assertThatThrownBy(() -> AppConfig.fromJson(slow, Map.of()))
                .hasMessageStartingWith("sim.followClock.speed: expected a number above 0");

        JsonObject unknown = node(loopbackMarket(), 0);
        unknown.getJsonObject("sim").getJsonObject("followClock").put("start", 1);
        assertThatThrownBy(() -> AppConfig.fromJson(unknown, Map.of())).hasMessageStartingWith("sim.followClock.start");
    }

    @Test
    void loopbackIsAnAddressLiteralOrLocalhostAndNothingIsLookedUp() {
        assertThat(FollowClock.onLoopback("http://127.0.0.1:8080")).isTrue();
        assertThat(FollowClock.onLoopback("ws://127.3.4.5:1/ws")).isTrue();
        assertThat(FollowClock.onLoopback("http://[::1]:8080")).isTrue();
        assertThat(FollowClock.onLoopback("http://localhost:8080")).isTrue();
        assertThat(FollowClock.onLoopback("https://api.binance.com")).isFalse();
        assertThat(FollowClock.onLoopback("http://10.0.0.1:8080")).isFalse();
        assertThat(FollowClock.onLoopback("http://localhost.example.com")).isFalse();
    }

    private static JsonObject node(JsonObject market, long wallTime) {
        return new JsonObject()
                .put("source", "live")
                .put("roles", "market")
                .put(
                        "sim",
                        new JsonObject()
                                .put(
                                        "followClock",
                                        new JsonObject()
                                                .put("simTime", SIM_TIME)
                                                .put("wallTime", wallTime)
                                                .put("speed", 10)))
                .put("market", market);
    }

    private static JsonObject loopbackMarket() {
        JsonObject binance = new JsonObject();
        for (Market m : Market.values()) {
            binance.put(
                    m.wireName(),
                    new JsonObject()
                            .put("restUrl", "http://127.0.0.1:9000/" + m.wireName())
                            .put("wsUrl", "ws://127.0.0.1:9000/" + m.wireName()));
        }
        JsonObject venue =
                new JsonObject().put("restUrl", "http://127.0.0.1:9000").put("wsUrl", "ws://127.0.0.1:9000/ws");
        return new JsonObject()
                .put("instruments", new io.vertx.core.json.JsonArray().add("binance:spot:BTCUSDT"))
                .put("binance", binance)
                .put("bithumb", venue.copy())
                .put("upbit", venue.copy());
    }
}
