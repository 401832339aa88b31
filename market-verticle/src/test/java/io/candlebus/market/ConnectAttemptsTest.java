package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectAttemptsTest {
    /** A deferred connect: when it was asked for, from when the cap has room, and what runs then. */
    private record Deferred(long now, long at, Runnable action) {}

    private long time = 10_000;
    private long deferrals;
    private int retries;
    private final List<Deferred> waits = new ArrayList<>();
    private final ConnectAttempts attempts = new ConnectAttempts(
            2, 1_000, () -> time, (now, at, action) -> waits.add(new Deferred(now, at, action)), () -> deferrals++);

    @Test
    void connectsAtOnceWhileTheCapHasRoomAndDefersUntilItHasAgain() {
        assertThat(attempts.takeOrRetry(() -> retries++)).isTrue();
        time += 300;
        assertThat(attempts.takeOrRetry(() -> retries++)).isTrue();
        assertThat(waits).isEmpty();

        time += 100;
        assertThat(attempts.takeOrRetry(() -> retries++)).isFalse();

        assertThat(deferrals).isEqualTo(1);
        // The first attempt (at 10 000) leaves the window at 11 000.
        assertThat(waits).singleElement().satisfies(w -> {
            assertThat(w.now()).isEqualTo(10_400);
            assertThat(w.at()).isEqualTo(11_000);
        });
        assertThat(retries).as("nothing retried before the wait is over").isZero();

        time = 11_000;
        waits.get(0).action().run();
        assertThat(retries).isEqualTo(1);
        assertThat(attempts.takeOrRetry(() -> retries++))
                .as("room again at 11 000")
                .isTrue();
        assertThat(attempts.takeOrRetry(() -> retries++))
                .as("the second attempt's slot frees at 11 300")
                .isFalse();
        assertThat(waits.get(1).at()).isEqualTo(11_300);
        assertThat(deferrals).isEqualTo(2);
    }

    @Test
    void aDeferredAttemptTakesNothingFromTheCap() {
        attempts.takeOrRetry(() -> retries++);
        time = 10_500;
        attempts.takeOrRetry(() -> retries++);
        for (int i = 0; i < 5; i++) {
            assertThat(attempts.takeOrRetry(() -> retries++)).isFalse();
        }
        assertThat(waits).extracting(Deferred::at).containsOnly(11_000L);

        time = 11_000;
        assertThat(attempts.takeOrRetry(() -> retries++)).isTrue();
        assertThat(attempts.tryTake()).as("the attempt at 10 500 still counts").isFalse();
    }

    @Test
    void tryTakeNeitherDefersNorCountsADeferral() {
        assertThat(attempts.tryTake()).isTrue();
        assertThat(attempts.tryTake()).isTrue();
        assertThat(attempts.tryTake()).isFalse();

        assertThat(waits).isEmpty();
        assertThat(deferrals).isZero();
        assertThat(attempts.takeOrRetry(() -> retries++)).isFalse();
        assertThat(deferrals).isEqualTo(1);
    }
}
