package io.candlebus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AttemptLimiterTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong nanos = new AtomicLong(5_000 * MS);
    private final AttemptLimiter limiter = new AttemptLimiter(nanos::get);

    @Test
    void admitsTheCapPerWindowThenAgainAsOldAttemptsLeaveIt() {
        assertThat(limiter.tryAdmit("bithumb 127.0.0.1", 2, 1_000)).isTrue();
        nanos.addAndGet(400 * MS);
        assertThat(limiter.tryAdmit("bithumb 127.0.0.1", 2, 1_000)).isTrue();
        assertThat(limiter.tryAdmit("bithumb 127.0.0.1", 2, 1_000)).isFalse();
        nanos.addAndGet(599 * MS);
        assertThat(limiter.tryAdmit("bithumb 127.0.0.1", 2, 1_000)).isFalse();
        nanos.addAndGet(1 * MS);
        // The first attempt is now a full window old: one slot is free, not two.
        assertThat(limiter.tryAdmit("bithumb 127.0.0.1", 2, 1_000)).isTrue();
        assertThat(limiter.tryAdmit("bithumb 127.0.0.1", 2, 1_000)).isFalse();
    }

    @Test
    void countsEachKeyOnItsOwn() {
        assertThat(limiter.tryAdmit("BINANCE_SPOT 127.0.0.1", 1, 300_000)).isTrue();
        assertThat(limiter.tryAdmit("BINANCE_SPOT 127.0.0.1", 1, 300_000)).isFalse();
        assertThat(limiter.tryAdmit("BINANCE_USDM 127.0.0.1", 1, 300_000)).isTrue();
        assertThat(limiter.tryAdmit("BINANCE_SPOT 10.0.0.2", 1, 300_000)).isTrue();
    }
}
