package io.candlebus.recorder;

import static io.candlebus.recorder.TestCandles.ARTICLE_OPEN_TIME;
import static io.candlebus.recorder.TestCandles.BTCUSDT;
import static io.candlebus.recorder.TestCandles.KRW_BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Interval;
import io.candlebus.contract.StreamOwners;
import java.util.List;
import org.junit.jupiter.api.Test;

class DurableMarksTest {
    @Test
    void listsTheNewestDurableOpenTimeOfEachStreamItOwns() {
        DurableMarks marks = new DurableMarks();
        List<io.candlebus.contract.Candle> run =
                new java.util.ArrayList<>(TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 5));
        java.util.Collections.reverse(run);
        run.forEach(marks::durable);
        marks.durable(TestCandles.candle(KRW_BTC, Interval.M1, ARTICLE_OPEN_TIME, 1));

        assertThat(marks.owned("me", List.of("me")))
                .containsEntry("binance:spot:BTCUSDT/1m", ARTICLE_OPEN_TIME + 4 * 60_000L)
                .containsEntry("bithumb:spot:KRW-BTC/1m", ARTICLE_OPEN_TIME)
                .hasSize(2);
    }

    @Test
    void aStreamOwnedByAnotherLiveRecorderIsNotListed() {
        DurableMarks marks = new DurableMarks();
        marks.durable(TestCandles.candle(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 1));
        List<String> live = List.of("me", "other");
        String owner = StreamOwners.ownerOf("binance:spot:BTCUSDT/1m", live);
        String notOwner = owner.equals("me") ? "other" : "me";

        assertThat(marks.owned(owner, live)).containsOnlyKeys("binance:spot:BTCUSDT/1m");
        assertThat(marks.owned(notOwner, live)).isEmpty();
    }
}
