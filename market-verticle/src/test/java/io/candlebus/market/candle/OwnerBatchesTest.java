package io.candlebus.market.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.StreamOwners;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnerBatchesTest {
    private static final long T0 = 1_767_225_600_000L;

    static Candle candle(int stream, int minute) {
        BigDecimal one = BigDecimal.ONE;
        return new Candle(
                Instrument.parse("binance:spot:S" + stream + "USDT"),
                Interval.M1,
                T0 + minute * 60_000L,
                one,
                one,
                one,
                one,
                one,
                one,
                1,
                one,
                one,
                true,
                CandleSource.REST);
    }

    @Test
    void cutsBatchesPerOwnerAtTheBatchSizeAndStopsAtTheWindow() {
        OwnerBatches b = new OwnerBatches();
        for (int m = 0; m < 10; m++) {
            for (int s = 0; s < 20; s++) {
                b.add(new OwnerBatches.Item(candle(s, m), false));
            }
        }
        List<String> live = List.of("a", "b");

        List<OwnerBatches.Batch> first = b.take(live, 150, 40);

        assertThat(first.stream().mapToInt(x -> x.items().size()).sum()).isEqualTo(150);
        assertThat(first).allSatisfy(x -> {
            assertThat(x.items()).hasSizeLessThanOrEqualTo(40);
            assertThat(x.items())
                    .allSatisfy(i -> assertThat(StreamOwners.ownerOf(StreamOwners.streamKey(i.candle()), live))
                            .isEqualTo(x.owner()));
        });
        assertThat(b.inFlight()).isEqualTo(150);
        assertThat(b.queued()).isEqualTo(50);
        assertThat(b.take(live, 150, 40)).as("window full").isEmpty();
        first.forEach(b::settled);
        assertThat(b.inFlight()).isZero();
        assertThat(b.take(live, 150, 40).stream()
                        .mapToInt(x -> x.items().size())
                        .sum())
                .isEqualTo(50);
    }

    @Test
    void aStreamWhoseOwnerChangedWaitsUntilTheOldOwnerAnsweredForAllItsCandles() {
        OwnerBatches b = new OwnerBatches();
        // A stream that "a" owns while "a" and "b" live, so it moves to "b" when "a" leaves.
        int first = 0;
        while (!"a".equals(StreamOwners.ownerOf("binance:spot:S" + first + "USDT/1m", List.of("a", "b")))) {
            first++;
        }
        int stream = first;
        b.add(new OwnerBatches.Item(candle(stream, 0), false));
        List<OwnerBatches.Batch> toA = b.take(List.of("a", "b"), 100, 10);
        assertThat(toA).singleElement().satisfies(x -> assertThat(x.owner()).isEqualTo("a"));
        b.add(new OwnerBatches.Item(candle(stream, 1), false));
        b.add(new OwnerBatches.Item(candle(stream + 1000, 1), false));

        List<OwnerBatches.Batch> whileHeld = b.take(List.of("b"), 100, 10);

        assertThat(whileHeld)
                .as("only the other stream goes to b")
                .singleElement()
                .satisfies(x -> assertThat(x.items())
                        .extracting(i -> i.candle().instrument().symbol())
                        .containsExactly("S" + (stream + 1000) + "USDT"));
        assertThat(b.queued()).isEqualTo(1);
        // "a" failed to answer: its candle is queued again, ahead, and both go to "b" together.
        b.settled(toA.get(0));
        b.addFirst(toA.get(0).items());
        List<OwnerBatches.Batch> after = b.take(List.of("b"), 100, 10);
        assertThat(after).singleElement().satisfies(x -> {
            assertThat(x.owner()).isEqualTo("b");
            assertThat(x.items()).extracting(i -> i.candle().openTime()).containsExactly(T0, T0 + 60_000L);
        });
    }

    @Test
    void nothingGoesWithoutALiveRecorder() {
        OwnerBatches b = new OwnerBatches();
        b.add(new OwnerBatches.Item(candle(1, 0), false));
        assertThat(b.take(List.of(), 100, 10)).isEmpty();
        assertThat(b.queued()).isEqualTo(1);
        assertThat(b.clear()).hasSize(1);
        assertThat(b.queued()).isZero();
    }
}
