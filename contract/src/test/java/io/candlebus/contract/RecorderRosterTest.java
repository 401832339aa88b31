package io.candlebus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecorderRosterTest {
    private static RecorderPresence live(String id) {
        return new RecorderPresence(id, "node-" + id, RecorderPresence.LIVE, 1, Map.of());
    }

    @Test
    void aRecorderIsLiveFromItsFirstAnnouncementUntilItFallsSilent() {
        RecorderRoster roster = new RecorderRoster(3_000);
        assertThat(roster.onPresence(live("b"), 0)).isTrue();
        assertThat(roster.onPresence(live("a"), 500)).isTrue();
        assertThat(roster.onPresence(live("a"), 1_000))
                .as("a repeat changes nothing")
                .isFalse();
        assertThat(roster.live()).containsExactly("a", "b");
        assertThat(roster.expire(3_000)).isFalse();
        assertThat(roster.expire(3_001)).as("b silent for more than 3 s").isTrue();
        assertThat(roster.live()).containsExactly("a");
        assertThat(roster.presences()).containsOnlyKeys("a");
    }

    @Test
    void leavingOrLosingItsAddressEndsItAtOnceAndAnAnnouncementBringsItBack() {
        RecorderRoster roster = new RecorderRoster(3_000);
        roster.onPresence(live("a"), 0);
        roster.onPresence(live("b"), 0);
        assertThat(roster.onPresence(new RecorderPresence("a", "n", RecorderPresence.LEAVING, 1, Map.of()), 10))
                .isTrue();
        assertThat(roster.remove("b")).isTrue();
        assertThat(roster.remove("b")).isFalse();
        assertThat(roster.live()).isEmpty();
        assertThat(roster.onPresence(live("b"), 20)).isTrue();
        assertThat(roster.live()).containsExactly("b");
    }
}
