package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.launcher.StreamCheck.Hole;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamCheckTest {
    private static final long M = 60_000L;

    @Test
    void aContiguousStreamInAnyFileOrderIsSound() {
        StreamCheck s = StreamCheck.of("binance:spot:BTCUSDT 1m", M, new long[] {2 * M, 0, M, 3 * M}, 2, List.of(), 0);

        assertThat(s.damaged()).isFalse();
        assertThat(s.first()).isZero();
        assertThat(s.last()).isEqualTo(3 * M);
        assertThat(s.rows()).isEqualTo(4);
    }

    @Test
    void repeatedKeysAreCountedBeyondTheFirst() {
        StreamCheck s = StreamCheck.of("x 1m", M, new long[] {0, M, M, M, 2 * M}, 2, List.of(), 0);

        assertThat(s.duplicates()).isEqualTo(2);
        assertThat(s.rows()).isEqualTo(5);
        assertThat(s.damaged()).isTrue();
    }

    @Test
    void missingCandlesAreListedAsRunsWithTheirOpenTimes() {
        StreamCheck s = StreamCheck.of("x 1m", M, new long[] {0, 2 * M, 3 * M, 9 * M}, 1, List.of(), 0);

        assertThat(s.holes()).containsExactly(new Hole(M, M, 1), new Hole(4 * M, 8 * M, 5));
        assertThat(s.missing()).isEqualTo(6);
        assertThat(s.holes().get(0).toString()).isEqualTo("hole 1970-01-01T00:01:00Z");
        assertThat(s.holes().get(1).toString())
                .isEqualTo("hole 1970-01-01T00:04:00Z .. 1970-01-01T00:08:00Z (5 candles)");
    }

    @Test
    void anUnreadableFileDamagesTheStreamAndAnEmptyStreamDoesNot() {
        StreamCheck bad = StreamCheck.of("x 1m", M, new long[] {0}, 2, List.of("date=1970-01-01/part-x: bad"), 0);
        StreamCheck empty = StreamCheck.of("x 1m", M, new long[0], 0, List.of(), 3);

        assertThat(bad.damaged()).isTrue();
        assertThat(empty.damaged()).isFalse();
        assertThat(empty.first()).isEqualTo(Long.MIN_VALUE);
        assertThat(empty.tempFiles()).isEqualTo(3);
    }
}
