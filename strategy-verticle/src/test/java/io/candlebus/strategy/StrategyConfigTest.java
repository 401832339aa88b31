package io.candlebus.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategyConfigTest {

    @Test
    void defaultsAreTwentyPeriodsTwoDeviationsOfTheCloseBandCrossOnlyLiveOn() {
        StrategyConfig d = StrategyConfig.defaults();
        assertThat(d)
                .isEqualTo(new StrategyConfig(
                        20, 2.0, 0, true, 0, PriceSource.CLOSE, Set.of(SignalRule.BAND_CROSS), new SmaConfig(5, 20)));
        assertThat(d).isEqualTo(new StrategyConfig(20, 2.0, 0, true, 0));
        assertThat(StrategyConfig.fromJson(new JsonObject(), "strategy")).isEqualTo(d);
        assertThat(StrategyConfig.fromJson(null, "strategy")).isEqualTo(d);
    }

    @Test
    void jsonOverridesWhatItGives() {
        StrategyConfig config = StrategyConfig.fromJson(
                new JsonObject("{\"period\": 50, \"k\": 2.5, \"cooldownCandles\": 3, \"publishLive\": false,"
                        + " \"liveThrottleMillis\": 250, \"priceSource\": \"hlc3\","
                        + " \"rules\": [\"sma_cross\", \"band_touch\"], \"sma\": {\"fast\": 10, \"slow\": 30}}"),
                "strategy");
        assertThat(config)
                .isEqualTo(new StrategyConfig(
                        50,
                        2.5,
                        3,
                        false,
                        250,
                        PriceSource.HLC3,
                        Set.of(SignalRule.SMA_CROSS, SignalRule.BAND_TOUCH),
                        new SmaConfig(10, 30)));
        assertThat(List.copyOf(config.rules()))
                .as("evaluated in declaration order, whatever the order given")
                .containsExactly(SignalRule.BAND_TOUCH, SignalRule.SMA_CROSS);
        assertThat(StrategyConfig.fromJson(new JsonObject().put("k", 3), "strategy"))
                .isEqualTo(new StrategyConfig(20, 3.0, 0, true, 0));
    }

    @Test
    void partialSmaAndEmptyRulesAreAccepted() {
        StrategyConfig config =
                StrategyConfig.fromJson(new JsonObject("{\"rules\": [], \"sma\": {\"slow\": 50}}"), "strategy");
        assertThat(config.rules()).isEmpty();
        assertThat(config.sma()).isEqualTo(new SmaConfig(5, 50));
        assertThat(config.withRules(EnumSet.allOf(SignalRule.class)).rules())
                .containsExactly(SignalRule.BAND_CROSS, SignalRule.BAND_TOUCH, SignalRule.SMA_CROSS);
        assertThatThrownBy(() -> config.rules().add(SignalRule.BAND_CROSS))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"period\": 1}|strategy.period: expected an integer from 2 to 10000, was 1",
                "{\"period\": 20.5}|strategy.period: expected an integer from 2 to 10000, was 20.5",
                "{\"period\": \"20\"}|strategy.period: expected an integer from 2 to 10000, was '20'",
                "{\"k\": -1}|strategy.k: expected a finite number of at least 0, was -1",
                "{\"k\": \"2\"}|strategy.k: expected a finite number of at least 0, was '2'",
                "{\"cooldownCandles\": -1}|strategy.cooldownCandles: expected an integer from 0 to 1000000, was -1",
                "{\"publishLive\": \"yes\"}|strategy.publishLive: expected true or false, was 'yes'",
                "{\"liveThrottleMillis\": -5}|strategy.liveThrottleMillis: expected an integer from 0 to 86400000, was -5",
                "{\"priceSource\": \"typical\"}|strategy.priceSource: expected one of close, hl2, hlc3, ohlc4, was 'typical'",
                "{\"priceSource\": 3}|strategy.priceSource: expected one of close, hl2, hlc3, ohlc4, was 3",
                "{\"rules\": \"band_cross\"}|strategy.rules: expected an array of rule names (band_cross, band_touch,"
                        + " sma_cross), was 'band_cross'",
                "{\"rules\": [\"band_cross\", \"golden\"]}|strategy.rules[1]: expected one of band_cross, band_touch,"
                        + " sma_cross, was 'golden'",
                "{\"rules\": [\"sma_cross\", \"sma_cross\"]}|strategy.rules[1]: expected each rule at most once, was"
                        + " 'sma_cross'",
                "{\"rules\": [null]}|strategy.rules[0]: expected one of band_cross, band_touch, sma_cross, was null",
                "{\"sma\": 5}|strategy.sma: expected an object with fast and slow, was 5",
                "{\"sma\": {\"fast\": 0}}|strategy.sma.fast: expected an integer from 1 to 9999, was 0",
                "{\"sma\": {\"fast\": 20}}|strategy.sma.slow: expected an integer above fast (20), was 20",
                "{\"sma\": {\"fast\": 5, \"slow\": 3}}|strategy.sma.slow: expected an integer above fast (5), was 3",
                "{\"sma\": {\"slow\": 10001}}|strategy.sma.slow: expected an integer from 2 to 10000, was 10001",
                "{\"sma\": {\"fats\": 5}}|strategy.sma.fats: unknown key, expected one of fast, slow",
                "{\"perod\": 20}|strategy.perod: unknown key, expected one of cooldownCandles, k, liveThrottleMillis,"
                        + " period, priceSource, publishLive, rules, sma"
            })
    void rejectsBadValuesNamingTheField(String json, String message) {
        assertThatThrownBy(() -> StrategyConfig.fromJson(new JsonObject(json), "strategy"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void recordInvariantsHoldOutsideJsonToo() {
        assertThatThrownBy(() -> new SmaConfig(20, 20))
                .isInstanceOf(ConfigException.class)
                .hasMessage("slow: expected an integer above fast (20) up to 10000, was 20");
        assertThatThrownBy(() -> new StrategyConfig(1, 2.0, 0, true, 0))
                .isInstanceOf(ConfigException.class)
                .hasMessage("period: expected an integer >= 2, was 1");
    }

    @Test
    void periodTwentyPointZeroIsAnInteger() {
        assertThat(StrategyConfig.fromJson(new JsonObject().put("period", 20.0), "strategy")
                        .period())
                .isEqualTo(20);
    }
}
