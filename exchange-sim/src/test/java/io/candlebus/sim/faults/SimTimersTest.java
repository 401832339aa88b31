package io.candlebus.sim.faults;

import static io.candlebus.sim.SimTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.sim.SimClock;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SimTimersTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void runsActionsInSimTimeOrderOnOneContextAndCancelsThoseNotRun(Vertx vertx) {
        SimClock clock = new SimClock(1_700_000_000_000L, 1_000);
        SimTimers timers = new SimTimers(vertx, clock);
        List<String> ran = new CopyOnWriteArrayList<>();
        long now = clock.millis();

        await(timers.onContext(() -> {
            timers.at(now + 30_000, () -> ran.add("30s"));
            timers.at(now + 10_000, () -> ran.add("10s"));
            timers.at(now + 20_000, () -> ran.add("20s"));
        }));
        await().atMost(DEADLINE).until(() -> ran.size() == 3);
        assertThat(ran).containsExactly("10s", "20s", "30s");

        long later = clock.millis();
        await(timers.onContext(() -> {
            timers.at(later + 100_000, () -> ran.add("cancelled"));
            timers.cancelAll();
            timers.at(later + 200_000, () -> ran.add("after"));
        }));
        await().atMost(DEADLINE).until(() -> ran.contains("after"));
        assertThat(ran).doesNotContain("cancelled");
        assertThat(await(timers.read(ran::size))).isEqualTo(4);
    }
}
