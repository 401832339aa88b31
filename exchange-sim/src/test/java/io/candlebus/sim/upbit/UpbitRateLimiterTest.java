package io.candlebus.sim.upbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpbitRateLimiterTest {
    private static final long T = 1_767_225_600_000L;

    @Test
    void countsEachGroupPerWholeSecondAndNamesWhatIsLeft() {
        UpbitRateLimiter limiter = new UpbitRateLimiter();
        for (int i = 0; i < 10; i++) {
            UpbitRateLimiter.Decision d = limiter.take("candle", T + 100 + i);
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(9 - i);
        }
        assertThat(limiter.take("candle", T + 999).status()).isEqualTo(429);
        assertThat(limiter.take("market", T + 999).allowed())
                .as("groups count apart")
                .isTrue();
        assertThat(limiter.take("candle", T + 1_000).allowed())
                .as("a new second")
                .isTrue();
        assertThat(limiter.take("candle", T + 1_000).header()).isEqualTo("group=candle; min=600; sec=8");
    }

    @Test
    void blocksAClientThatIgnoresRefusalsLongerEachTime() {
        UpbitRateLimiter limiter = new UpbitRateLimiter();
        limiter.setLimit(1);
        long now = T;
        assertThat(limiter.take("candle", now).allowed()).isTrue();
        for (int i = 0; i < UpbitRateLimiter.REFUSALS_BEFORE_BAN; i++) {
            assertThat(limiter.take("candle", now + i).status()).isEqualTo(429);
        }
        UpbitRateLimiter.Decision ban = limiter.take("candle", now + 10);
        assertThat(ban.status()).isEqualTo(418);
        assertThat(ban.bannedForMillis()).isEqualTo(UpbitRateLimiter.FIRST_BAN_MILLIS);
        assertThat(limiter.take("market", now + 30_000).status())
                .as("every group")
                .isEqualTo(418);
        now += 10 + UpbitRateLimiter.FIRST_BAN_MILLIS;
        assertThat(limiter.take("candle", now).allowed()).isTrue();
        for (int i = 0; i < UpbitRateLimiter.REFUSALS_BEFORE_BAN; i++) {
            limiter.take("candle", now);
        }
        assertThat(limiter.take("candle", now).bannedForMillis()).isEqualTo(2 * UpbitRateLimiter.FIRST_BAN_MILLIS);
    }

    @Test
    void refusalsOlderThanAMinuteAreForgiven() {
        UpbitRateLimiter limiter = new UpbitRateLimiter();
        limiter.setLimit(1);
        for (int minute = 0; minute < 5; minute++) {
            long now = T + minute * 61_000L;
            limiter.take("trade", now);
            for (int i = 0; i < UpbitRateLimiter.REFUSALS_BEFORE_BAN; i++) {
                assertThat(limiter.take("trade", now).status()).isEqualTo(429);
            }
        }
    }

    @Test
    void aBanFromTheFaultApiAndABadLimitAreHonoured() {
        UpbitRateLimiter limiter = new UpbitRateLimiter();
        limiter.banUntil(T + 5_000);
        assertThat(limiter.take("candle", T).status()).isEqualTo(418);
        assertThat(limiter.take("candle", T + 5_000).allowed()).isTrue();
        assertThatThrownBy(() -> limiter.setLimit(0)).hasMessageContaining("expected >= 1");
    }
}
