package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionLimitTest {

    @Test
    void belowTheMaximumNothingIsClosed() {
        ConnectionLimit<String> limit = new ConnectionLimit<>(2);
        assertThat(limit.admit("a")).isNull();
        assertThat(limit.admit("b")).isNull();
        assertThat(limit.open()).isEqualTo(2);
    }

    @Test
    void overTheMaximumTheOldestIdleConnectionMakesRoom() {
        ConnectionLimit<String> limit = new ConnectionLimit<>(2);
        limit.admit("a");
        limit.admit("b");
        assertThat(limit.admit("c")).isEqualTo("a");
        assertThat(limit.isOpen("a")).isFalse();
        assertThat(limit.open()).isEqualTo(2);
    }

    @Test
    void busyConnectionsAreNeverClosedAndAnIdleOneGoesToTheYoungEnd() {
        ConnectionLimit<String> limit = new ConnectionLimit<>(2);
        limit.admit("a");
        limit.admit("b");
        limit.busy("a");
        assertThat(limit.admit("c")).isEqualTo("b");
        limit.idle("a");
        // "c" has been idle longer than "a", which just finished a response.
        assertThat(limit.admit("d")).isEqualTo("c");
    }

    @Test
    void whenEveryOtherConnectionIsBusyTheNewOneIsClosed() {
        ConnectionLimit<String> limit = new ConnectionLimit<>(1);
        limit.admit("a");
        limit.busy("a");
        assertThat(limit.admit("b")).isEqualTo("b");
        assertThat(limit.isOpen("a")).isTrue();
        assertThat(limit.open()).isEqualTo(1);
    }

    @Test
    void closingIsIdempotentAndFreesRoom() {
        ConnectionLimit<String> limit = new ConnectionLimit<>(1);
        limit.admit("a");
        limit.closed("a");
        limit.closed("a");
        limit.idle("a");
        assertThat(limit.open()).isZero();
        assertThat(limit.admit("b")).isNull();
    }
}
