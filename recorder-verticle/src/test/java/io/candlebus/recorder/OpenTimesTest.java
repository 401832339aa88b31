package io.candlebus.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenTimesTest {
    private static final long M = 60_000L;

    @Test
    void mergesAdjacentAndOverlappingRuns() {
        OpenTimes times = new OpenTimes(M);
        times.add(10 * M);
        times.add(12 * M);
        times.addRun(20 * M, 25 * M);
        assertThat(times.runCount()).isEqualTo(3);

        times.add(11 * M);
        times.addRun(13 * M, 21 * M);

        assertThat(times.runCount()).isEqualTo(1);
        assertThat(times.size()).isEqualTo(16);
        assertThat(times.toText()).isEqualTo(10 * M + ":" + 25 * M);
    }

    @Test
    void containsARunOnlyWhenEveryOpenTimeOfItIsHeld() {
        OpenTimes times = OpenTimes.of(List.of(0L, M, 2 * M, 5 * M, 6 * M), M);

        assertThat(times.containsRun(0, 2 * M)).isTrue();
        assertThat(times.containsRun(M, M)).isTrue();
        assertThat(times.containsRun(5 * M, 6 * M)).isTrue();
        assertThat(times.containsRun(2 * M, 5 * M)).isFalse();
        assertThat(times.containsRun(0, 3 * M)).isFalse();
        assertThat(times.containsRun(-M, 0)).isFalse();
        assertThat(times.containsRun(M + 1, M + 1)).isFalse();
    }

    @Test
    void containsOnlyTheOpenTimesAdded() {
        OpenTimes times = OpenTimes.of(List.of(0L, M, 2 * M, 5 * M), M);

        assertThat(times.contains(0)).isTrue();
        assertThat(times.contains(2 * M)).isTrue();
        assertThat(times.contains(3 * M)).isFalse();
        assertThat(times.contains(5 * M)).isTrue();
        assertThat(times.contains(6 * M)).isFalse();
        assertThat(times.contains(-M)).isFalse();
        assertThat(times.contains(M + 1)).isFalse();
        assertThat(times.size()).isEqualTo(4);
    }

    @Test
    void ascendingTimesBuildTheSameRunsAsAddingOneByOne() {
        long[] sorted = {-2 * M, -M, 0, 3 * M, 7 * M, 8 * M, 9 * M, 20 * M};
        List<Long> boxed = java.util.Arrays.stream(sorted).boxed().toList();

        OpenTimes times = OpenTimes.ofAscending(sorted, sorted.length, M);

        assertThat(times.toText()).isEqualTo(OpenTimes.of(boxed, M).toText());
        assertThat(times.runCount()).isEqualTo(4);
        assertThat(times.last()).isEqualTo(20 * M);
        assertThat(OpenTimes.ofAscending(sorted, 3, M).toText()).isEqualTo(-2 * M + ":0");
        assertThat(OpenTimes.ofAscending(sorted, 0, M).last()).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> OpenTimes.ofAscending(new long[] {M, M}, 2, M))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("open times: expected strictly ascending, was 60000 after 60000");
    }

    @Test
    void textFormRoundTrips() {
        OpenTimes times = OpenTimes.of(List.of(-2 * M, -M, 3 * M, 7 * M, 8 * M), M);

        assertThat(times.toText()).isEqualTo("-120000:-60000,180000:180000,420000:480000");
        OpenTimes parsed = OpenTimes.parse(times.toText(), M);
        assertThat(parsed.toText()).isEqualTo(times.toText());
        assertThat(OpenTimes.parse("", M).size()).isZero();
    }

    @Test
    void rejectsMalformedText() {
        assertThatThrownBy(() -> OpenTimes.parse("1:2,x", M))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("open times: expected first:last runs of epoch milliseconds, was 'x'");
        assertThatThrownBy(() -> OpenTimes.parse("120000:60000", M)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenTimes(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
