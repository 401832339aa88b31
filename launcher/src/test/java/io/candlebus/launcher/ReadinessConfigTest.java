package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.candlebus.launcher.http.ReadinessLimits;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code http} readiness settings: documented defaults, overrides, and every bound named when broken. */
class ReadinessConfigTest {

    private static ReadinessLimits limits(JsonObject http) {
        return AppConfig.fromJson(new JsonObject().put("http", http), Map.of())
                .http()
                .readiness();
    }

    @Test
    void hasDocumentedDefaults() {
        assertThat(limits(new JsonObject())).isEqualTo(new ReadinessLimits(120_000, 60_000, 10_000, 30_000));
    }

    @Test
    void readsEveryReadinessSetting() {
        assertThat(limits(new JsonObject()
                        .put("staleStreamMillis", 5_000)
                        .put("startupGraceMillis", 0)
                        .put("maxUnacknowledgedCandles", 1)
                        .put("goneAfterMillis", 6_000)))
                .isEqualTo(new ReadinessLimits(5_000, 0, 1, 6_000));
    }

    @Test
    void namesTheSettingAndItsRange() {
        assertThatThrownBy(() -> limits(new JsonObject().put("startupGraceMillis", -1)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.startupGraceMillis: expected an integer from 0 to 604800000, was -1");
        assertThatThrownBy(() -> limits(new JsonObject().put("maxUnacknowledgedCandles", 0)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.maxUnacknowledgedCandles: expected an integer from 1 to 10000000, was 0");
        assertThatThrownBy(() -> limits(new JsonObject().put("goneAfterMillis", 5_000)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.goneAfterMillis: expected an integer from 6000 to 604800000, was 5000");
        assertThatThrownBy(() -> limits(new JsonObject().put("goneAfterMillis", "30s")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.goneAfterMillis: expected an integer from 6000 to 604800000, was '30s'");
    }
}
