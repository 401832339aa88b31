package io.candlebus.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VenueKeysTest {

    @Test
    void readsBothVenuesFromTheirOwnVariables() {
        Map<String, String> env = Map.of(
                VenueKeys.BITHUMB_ACCESS_KEY, "bithumb-access",
                VenueKeys.BITHUMB_SECRET_KEY, "bithumb-secret",
                VenueKeys.BINANCE_API_KEY, "binance-key",
                VenueKeys.BINANCE_API_SECRET, "binance-secret");
        assertThat(VenueKeys.bithumb(env)).contains(new ApiCredentials("bithumb-access", "bithumb-secret"));
        assertThat(VenueKeys.binance(env)).contains(new ApiCredentials("binance-key", "binance-secret"));
    }

    @Test
    void noVariablesMeansNoKeysButRequiringThemNamesTheMissingVariable() {
        assertThat(VenueKeys.bithumb(Map.of())).isEmpty();
        assertThat(VenueKeys.binance(Map.of())).isEmpty();
        assertThatThrownBy(() -> VenueKeys.requireBithumb(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("CANDLEBUS_BITHUMB_ACCESS_KEY: expected");
        assertThatThrownBy(() -> VenueKeys.requireBinance(Map.of(VenueKeys.BINANCE_API_KEY, "k")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("CANDLEBUS_BINANCE_API_SECRET: expected");
    }

    @Test
    void halfAPairIsAnErrorThatNeverEchoesTheValue() {
        Map<String, String> env = Map.of(VenueKeys.BITHUMB_SECRET_KEY, "top-secret-value");
        assertThatThrownBy(() -> VenueKeys.bithumb(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("CANDLEBUS_BITHUMB_ACCESS_KEY")
                .message()
                .doesNotContain("top-secret-value");
        assertThatThrownBy(() -> VenueKeys.binance(Map.of(VenueKeys.BINANCE_API_KEY, " ")))
                .hasMessageContaining("CANDLEBUS_BINANCE_API_KEY");
    }

    @Test
    void credentialsNeverShowTheirValues() {
        ApiCredentials keys = new ApiCredentials("public-key-123", "secret-456");
        assertThat(keys.toString()).doesNotContain("public-key-123").doesNotContain("secret-456");
        assertThat(String.valueOf(java.util.List.of(keys))).doesNotContain("secret-456");
        assertThatThrownBy(() -> new ApiCredentials("k", " ")).hasMessageContaining("apiCredentials.secret");
    }
}
