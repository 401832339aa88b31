package io.candlebus.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategyConfigTest {

    @Test
    void defaultsAreTwentyPeriodsTwoDeviationsNoCooldownLiveOn() {
        assertThat(StrategyConfig.defaults()).isEqualTo(new StrategyConfig(20, 2.0, 0, true, 0));
        assertThat(StrategyConfig.fromJson(new JsonObject(), "strategy")).isEqualTo(StrategyConfig.defaults());
        assertThat(StrategyConfig.fromJson(null, "strategy")).isEqualTo(StrategyConfig.defaults());
    }

    @Test
    void jsonOverridesWhatItGives() {
        StrategyConfig config = StrategyConfig.fromJson(
                new JsonObject("{\"period\": 50, \"k\": 2.5, \"cooldownCandles\": 3, \"publishLive\": false,"
                        + " \"liveThrottleMillis\": 250}"),
                "strategy");
        assertThat(config).isEqualTo(new StrategyConfig(50, 2.5, 3, false, 250));
        assertThat(StrategyConfig.fromJson(new JsonObject().put("k", 3), "strategy"))
                .isEqualTo(new StrategyConfig(20, 3.0, 0, true, 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"period\": 1}|strategy.period: expected an integer from 2 to 10000, was 1",
                "{\"period\": 20.5}|strategy.period: expected an integer from 2 to 10000, was 20.5",
                "{\"period\": \"20\"}|strategy.period: expected an integer from 2 to 10000, was '20'",
                "{\"k\": -1}|strategy.k: expected a finite number >= 0, was -1",
                "{\"k\": \"2\"}|strategy.k: expected a finite number >= 0, was '2'",
                "{\"cooldownCandles\": -1}|strategy.cooldownCandles: expected an integer from 0 to 1000000, was -1",
                "{\"publishLive\": \"yes\"}|strategy.publishLive: expected true or false, was 'yes'",
                "{\"liveThrottleMillis\": -5}|strategy.liveThrottleMillis: expected an integer from 0 to 86400000, was -5",
                "{\"perod\": 20}|strategy.perod: unknown key, expected one of cooldownCandles, k, liveThrottleMillis,"
                        + " period, publishLive"
            })
    void rejectsBadValuesNamingTheField(String json, String message) {
        assertThatThrownBy(() -> StrategyConfig.fromJson(new JsonObject(json), "strategy"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void periodTwentyPointZeroIsAnInteger() {
        assertThat(StrategyConfig.fromJson(new JsonObject().put("period", 20.0), "strategy")
                        .period())
                .isEqualTo(20);
    }
}
