package io.candlebus.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {
    @Test
    void aShortMessageIsOnePartUnchanged() {
        assertThat(MessageSplitter.split("SIGNAL: x\nBUY", 4096)).containsExactly("SIGNAL: x\nBUY");
    }

    @Test
    void aLongMessageSplitsAtLineEndsWithinTheLimit() {
        String text = IntStream.range(0, 400)
                .mapToObj(i -> "line " + i + " " + "x".repeat(20))
                .collect(Collectors.joining("\n"));
        assertThat(text.length()).isGreaterThan(2 * 4096);

        List<String> parts = MessageSplitter.split(text, 4096);

        assertThat(parts).hasSize(3);
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i).length()).isLessThanOrEqualTo(4096);
            assertThat(parts.get(i)).startsWith("(" + (i + 1) + "/3)\n");
        }
        String joined =
                parts.stream().map(p -> p.substring(p.indexOf('\n') + 1)).collect(Collectors.joining("\n"));
        assertThat(joined).isEqualTo(text);
    }

    @Test
    void aSingleOverlongLineIsCutWithoutSplittingASurrogatePair() {
        int room = 100 - MessageSplitter.MARKER_ROOM;
        String text = "a".repeat(room - 1) + "\uD83D\uDE80" + "b".repeat(150);

        List<String> parts = MessageSplitter.split(text, 100);

        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(100));
        String joined =
                parts.stream().map(p -> p.substring(p.indexOf('\n') + 1)).collect(Collectors.joining());
        assertThat(joined).isEqualTo(text);
        assertThat(parts.get(0)).doesNotEndWith("\uD83D");
        assertThat(parts.get(1)).contains("\uD83D\uDE80");
    }
}
