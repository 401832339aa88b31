package io.candlebus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamOwnersTest {
    private static List<String> streams(int n) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add("binance:spot:S" + i + "USDT/1m");
        }
        return s;
    }

    private static List<String> randomRecorders(int n) {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        }
        return r;
    }

    @Test
    void everySenderPicksTheSameOwnerWhateverTheOrderOfTheSet() {
        List<String> recorders = randomRecorders(5);
        List<String> reversed = new ArrayList<>(recorders);
        java.util.Collections.reverse(reversed);
        for (String s : streams(200)) {
            assertThat(StreamOwners.ownerOf(s, reversed)).isEqualTo(StreamOwners.ownerOf(s, recorders));
        }
    }

    @Test
    void noRecorderNoOwner() {
        assertThat(StreamOwners.ownerOf("binance:spot:BTCUSDT/1m", List.of())).isNull();
    }

    @Test
    void threeRecordersShareSixHundredStreamsWithinAQuarterOfAnEvenSplit() {
        for (int round = 0; round < 50; round++) {
            List<String> recorders = randomRecorders(3);
            Map<String, Integer> load = new HashMap<>();
            for (String s : streams(600)) {
                load.merge(StreamOwners.ownerOf(s, recorders), 1, Integer::sum);
            }
            assertThat(load).hasSize(3);
            assertThat(load.values()).allSatisfy(n -> assertThat(n).isBetween(150, 250));
        }
    }

    @Test
    void aRecorderLeavingMovesOnlyItsOwnStreamsAndAJoinerTakesOnlyFromOthers() {
        List<String> three = randomRecorders(3);
        List<String> two = three.subList(0, 2);
        int moved = 0;
        for (String s : streams(600)) {
            String before = StreamOwners.ownerOf(s, three);
            String after = StreamOwners.ownerOf(s, two);
            if (two.contains(before)) {
                assertThat(after)
                        .as("owner of %s after %s left", s, three.get(2))
                        .isEqualTo(before);
            } else {
                moved++;
            }
            // Joining is leaving backwards: a stream the joiner does not take keeps its owner.
            if (!before.equals(three.get(2))) {
                assertThat(before).isEqualTo(after);
            }
        }
        assertThat(moved).isBetween(150, 250);
    }

    @Test
    void theStreamKeyIsInstrumentAndInterval() {
        Candle c = new Candle(
                Instrument.parse("bithumb:spot:KRW-BTC"),
                Interval.M5,
                0,
                java.math.BigDecimal.ONE,
                java.math.BigDecimal.ONE,
                java.math.BigDecimal.ONE,
                java.math.BigDecimal.ONE,
                java.math.BigDecimal.ZERO,
                java.math.BigDecimal.ZERO,
                0,
                java.math.BigDecimal.ZERO,
                java.math.BigDecimal.ZERO,
                true,
                CandleSource.AGGREGATED);
        assertThat(StreamOwners.streamKey(c)).isEqualTo("bithumb:spot:KRW-BTC/5m");
    }
}
