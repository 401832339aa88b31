package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void marketRunsBothHalvesAndEachHalfRunsItsOwn() {
        Set<Role> market = Role.parseList("market", "roles");
        assertThat(Role.runsFeeds(market)).isTrue();
        assertThat(Role.runsCandles(market)).isTrue();
        Set<Role> feeds = Role.parseList("feeds,http", "roles");
        assertThat(feeds).isEqualTo(EnumSet.of(Role.FEEDS, Role.HTTP));
        assertThat(Role.runsFeeds(feeds)).isTrue();
        assertThat(Role.runsCandles(feeds)).isFalse();
        Set<Role> candles = Role.parseList("candles,recorder", "roles");
        assertThat(Role.runsFeeds(candles)).isFalse();
        assertThat(Role.runsCandles(candles)).isTrue();
    }

    @Test
    void allMeansTheMarketAsOneRole() {
        assertThat(Role.parseList("all", "roles"))
                .contains(Role.MARKET, Role.RECORDER, Role.HTTP)
                .doesNotContain(Role.FEEDS, Role.CANDLES);
    }

    @Test
    void anUnknownRoleNamesTheNewOnes() {
        assertThatThrownBy(() -> Role.parseList("market,feed", "roles"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("feeds")
                .hasMessageContaining("candles");
    }
}
