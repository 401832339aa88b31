package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlidingWindowLimiterTest {

    @Test
    void allowsTheLimitInAnyWindowAndNoMore() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(3, 1_000);

        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(100)).isTrue();
        assertThat(limiter.tryAcquire(900)).isTrue();
        assertThat(limiter.tryAcquire(950)).isFalse();
        assertThat(limiter.used(950)).isEqualTo(3);
        // The refused attempt was not counted: at 1000 the first event has left the window.
        assertThat(limiter.nextAllowed(950)).isEqualTo(1_000);
        assertThat(limiter.tryAcquire(999)).isFalse();
        assertThat(limiter.tryAcquire(1_000)).isTrue();
        assertThat(limiter.tryAcquire(1_050)).isFalse();
        assertThat(limiter.nextAllowed(1_050)).isEqualTo(1_100);
    }

    @Test
    void slidesRatherThanResettingOnFixedBoundaries() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(300, 300_000);
        for (int i = 0; i < 300; i++) {
            assertThat(limiter.tryAcquire(299_000 + i)).isTrue();
        }
        // A fixed 5-minute window would reset at 300000 and allow a second burst of 300 at once.
        assertThat(limiter.tryAcquire(300_500)).isFalse();
        assertThat(limiter.nextAllowed(300_500)).isEqualTo(599_000);
        assertThat(limiter.tryAcquire(599_000)).isTrue();
    }

    @Test
    void nextAllowedIsNowWhileThereIsRoom() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(2, 1_000);
        assertThat(limiter.nextAllowed(5)).isEqualTo(5);
        limiter.tryAcquire(5);
        assertThat(limiter.nextAllowed(6)).isEqualTo(6);
    }

    @Test
    void allowsTenAttemptsPerSecondAsBithumbCountsThem() {
        SlidingWindowLimiter attempts = new SlidingWindowLimiter(10, 1_000);
        for (int i = 0; i < 10; i++) {
            assertThat(attempts.tryAcquire(5_000 + i * 10)).as("attempt %s", i).isTrue();
        }

        assertThat(attempts.tryAcquire(5_100)).isFalse();
        assertThat(attempts.nextAllowed(5_100)).isEqualTo(6_000);
        assertThat(attempts.used(5_100)).isEqualTo(10);

        // The first attempt leaves the window exactly one second after it.
        assertThat(attempts.tryAcquire(5_999)).isFalse();
        assertThat(attempts.tryAcquire(6_000)).isTrue();
        assertThat(attempts.nextAllowed(6_000)).isEqualTo(6_010);
    }

    @Test
    void anUnlimitedWindowCountsOnlyTheEventsOfTheLastWindow() {
        SlidingWindowLimiter requests = new SlidingWindowLimiter(Integer.MAX_VALUE, 1_000);
        requests.tryAcquire(0);
        requests.tryAcquire(400);
        requests.tryAcquire(900);

        assertThat(requests.used(999)).isEqualTo(3);
        assertThat(requests.used(1_000)).isEqualTo(2);
        assertThat(requests.used(1_900)).isZero();
        assertThat(requests.nextAllowed(1_900)).isEqualTo(1_900);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new SlidingWindowLimiter(0, 1_000))
                .hasMessage("limiter: expected limit >= 1 and window >= 1 ms, was limit=0, window=1000");
        assertThatThrownBy(() -> new SlidingWindowLimiter(1, 0)).hasMessageContaining("window=0");
    }
}
