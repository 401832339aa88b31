package io.candlebus.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchAckTest {
    private final List<String> replies = new ArrayList<>();

    @Test
    void answersOnceWhenTheLastCandleIsSettled() {
        BatchAck ack = new BatchAck(3, 100, replies::add);
        ack.settle(null);
        ack.settle(null);
        assertThat(replies).isEmpty();
        ack.settle(null);
        assertThat(replies).containsExactly((String) null);
        assertThatThrownBy(() -> ack.settle(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oneFailedCandleFailsTheRequestWithTheFirstError() {
        BatchAck ack = new BatchAck(3, 100, replies::add);
        ack.settle(null);
        ack.settle("disk full");
        ack.settle("other");
        assertThat(replies).containsExactly("disk full");
    }

    @Test
    void settlesSeveralCandlesAtOnceButNeverMoreThanAreLeft() {
        BatchAck ack = new BatchAck(5, 100, replies::add);
        ack.settle(3, null);
        assertThatThrownBy(() -> ack.settle(3, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expected 1 to 2 candles");
        ack.settle(2, "disk full");
        assertThat(replies).containsExactly("disk full");
    }

    @Test
    void expiresOnlyAfterItsWriteByTime() {
        BatchAck ack = new BatchAck(1, 100, replies::add);
        assertThat(ack.expired(100)).isFalse();
        assertThat(ack.expired(101)).isTrue();
        assertThatThrownBy(() -> new BatchAck(0, 1, replies::add)).hasMessageContaining("size: expected > 0");
    }
}
