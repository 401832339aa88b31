package io.candlebus.market.bithumb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentEventsTest {

    @Test
    void allowsTenAttemptsPerSecondAndSaysHowLongToWait() {
        RecentEvents attempts = new RecentEvents(10, 1_000);
        for (int i = 0; i < 10; i++) {
            assertThat(attempts.tryRecord(5_000 + i * 10)).as("attempt %s", i).isTrue();
        }

        assertThat(attempts.tryRecord(5_100)).isFalse();
        assertThat(attempts.waitMillis(5_100)).isEqualTo(900);
        assertThat(attempts.count(5_100)).isEqualTo(10);

        // The first attempt leaves the window exactly one second after it.
        assertThat(attempts.tryRecord(5_999)).isFalse();
        assertThat(attempts.tryRecord(6_000)).isTrue();
        assertThat(attempts.waitMillis(6_000)).isEqualTo(10);
    }

    @Test
    void countsOnlyTheEventsOfTheLastWindow() {
        RecentEvents requests = new RecentEvents(Integer.MAX_VALUE, 1_000);
        requests.tryRecord(0);
        requests.tryRecord(400);
        requests.tryRecord(900);

        assertThat(requests.count(999)).isEqualTo(3);
        assertThat(requests.count(1_000)).isEqualTo(2);
        assertThat(requests.count(1_900)).isZero();
        assertThat(requests.waitMillis(1_900)).isZero();
    }
}
