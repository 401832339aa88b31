package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BadInputCounterTest {

    @Test
    void countsOnlyMessagesOverTheLimitAsOversized() {
        BadInputCounter counter = new BadInputCounter(LoggerFactory.getLogger(BadInputCounterTest.class), "test");

        assertThat(counter.oversized(bytes("x".repeat(100)), 100, 100))
                .as("at the limit")
                .isFalse();
        assertThat(counter.oversized(bytes("x".repeat(101)), 101, 100))
                .as("one byte over")
                .isTrue();
        assertThat(counter.oversized(bytes("preview"), 5_000, 100))
                .as("a preview of a larger message")
                .isTrue();

        Map<String, Long> exported = new LinkedHashMap<>();
        counter.exportTo(exported);
        assertThat(exported).containsExactly(Map.entry("badInput.oversized", 2L));
    }

    @Test
    void logsAtMostThreeHundredBytesOfAPayload() {
        assertThat(BadInputCounter.truncate(bytes("x".repeat(300)))).isEqualTo("x".repeat(300));
        assertThat(BadInputCounter.truncate(bytes("x".repeat(301)))).isEqualTo("x".repeat(300) + "...(301 bytes)");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
