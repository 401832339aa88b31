package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import org.junit.jupiter.api.Test;

class FeedConnectionTest {

    @Test
    void readsRetryAfterOfARefusedHandshakeInMilliseconds() {
        UpgradeRejectedException limited = new UpgradeRejectedException(
                "429", 429, MultiMap.caseInsensitiveMultiMap().add("Retry-After", "7"), Buffer.buffer());
        UpgradeRejectedException bare =
                new UpgradeRejectedException("400", 400, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer());
        UpgradeRejectedException garbled = new UpgradeRejectedException(
                "429", 429, MultiMap.caseInsensitiveMultiMap().add("Retry-After", "soon"), Buffer.buffer());

        assertThat(FeedConnection.retryAfter(limited)).isEqualTo(7_000);
        assertThat(FeedConnection.retryAfter(bare)).isZero();
        assertThat(FeedConnection.retryAfter(garbled)).isZero();
        assertThat(FeedConnection.retryAfter(new IllegalStateException("refused")))
                .isZero();
    }
}
