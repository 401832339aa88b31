package io.candlebus.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThrottleTest {
    private static Alert stale(String subject, long time) {
        return new Alert(AlertKind.STREAM_STALE, subject, "detail " + time, null, time);
    }

    @Test
    void theFirstAlertPassesAndLaterOnesInTheWindowAreHeldThenSummarised() {
        Throttle t = new Throttle(1000);
        assertThat(t.admit(stale("a", 0), 0)).isNotNull();
        assertThat(t.admit(stale("a", 100), 100)).isNull();
        assertThat(t.admit(stale("a", 200), 200)).isNull();
        assertThat(t.admit(stale("a", 300), 300)).isNull();
        assertThat(t.tick(999)).isEmpty();

        var flushed = t.tick(1000);

        assertThat(flushed).hasSize(1);
        assertThat(flushed.get(0).detail()).isEqualTo("detail 300");
        assertThat(flushed.get(0).suppressed()).isEqualTo(2);
        assertThat(flushed.get(0).text()).contains("2 similar alerts suppressed");
        assertThat(t.throttled()).isEqualTo(3);
        // The flush opened a new window.
        assertThat(t.admit(stale("a", 1500), 1500)).isNull();
    }

    @Test
    void otherSubjectsAndKindsHaveTheirOwnWindows() {
        Throttle t = new Throttle(60_000);
        assertThat(t.admit(stale("a", 0), 0)).isNotNull();
        assertThat(t.admit(stale("b", 0), 0)).isNotNull();
        assertThat(t.admit(new Alert(AlertKind.STREAM_RECOVERED, "a", "", null, 1), 1))
                .isNotNull();
    }

    @Test
    void anIdleWindowIsForgottenAndTheNextAlertPassesAtOnce() {
        Throttle t = new Throttle(1000);
        t.admit(stale("a", 0), 0);
        assertThat(t.tick(2000)).isEmpty();
        assertThat(t.openWindows()).isZero();
        assertThat(t.admit(stale("a", 2001), 2001)).isNotNull();
    }

    @Test
    void aLateAlertAfterAnUnflushedWindowCarriesTheHeldCount() {
        Throttle t = new Throttle(1000);
        t.admit(stale("a", 0), 0);
        t.admit(stale("a", 10), 10);
        Alert late = t.admit(stale("a", 1200), 1200);
        assertThat(late).isNotNull();
        assertThat(late.suppressed()).isEqualTo(1);
    }

    @Test
    void theSameEventTwiceIsDroppedEvenWithoutThrottling() {
        Throttle t = new Throttle(0);
        Alert fill = new Alert(AlertKind.ORDER_FILLED, "x", "", "c1|FILLED", 0);
        assertThat(t.admit(fill, 0)).isNotNull();
        assertThat(t.admit(fill, 1)).isNull();
        assertThat(t.admit(new Alert(AlertKind.ORDER_FILLED, "x", "", "c2|FILLED", 0), 2))
                .isNotNull();
        assertThat(t.duplicates()).isEqualTo(1);
        assertThat(t.throttled()).isZero();
    }
}
