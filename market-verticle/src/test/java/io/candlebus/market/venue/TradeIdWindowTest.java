package io.candlebus.market.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link TradeIdWindow} answers exactly as the arrival-ordered map of ids to times it replaced: the same repeats,
 * the same ids forgotten, for every sequence of sightings (few distinct ids so that repeats, collisions in the table
 * and backward shifts happen often; times that jump forward and back).
 */
class TradeIdWindowTest {
    private record Sighting(long id, long time) {}

    /** The former implementation in {@code CodeState}, kept here as the model. */
    private static final class Model {
        private final LinkedHashMap<Long, Long> seen = new LinkedHashMap<>();
        private final long remember;
        private final int max;

        Model(long remember, int max) {
            this.remember = remember;
            this.max = max;
        }

        boolean firstSighting(long id, long time) {
            if (seen.containsKey(id)) {
                return false;
            }
            seen.put(id, time);
            long cutoff = time - remember;
            Iterator<Map.Entry<Long, Long>> it = seen.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, Long> oldest = it.next();
                if (oldest.getValue() >= cutoff && seen.size() <= max) {
                    break;
                }
                it.remove();
            }
            return true;
        }
    }

    @Provide
    Arbitrary<List<Sighting>> sightings() {
        Arbitrary<Long> ids = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 300),
                Arbitraries.longs().between(0, 300).map(i -> i << 40),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L));
        Arbitrary<Long> times = Arbitraries.longs().between(0, 2_000);
        return Combinators.combine(ids, times).as(Sighting::new).list().ofMaxSize(3_000);
    }

    @Property(tries = 300)
    void answersAsTheArrivalOrderedMapDid(
            @ForAll("sightings") List<Sighting> sightings, @ForAll("windows") long remember, @ForAll("caps") int max) {
        TradeIdWindow window = new TradeIdWindow(remember, max);
        Model model = new Model(remember, max);
        for (Sighting s : sightings) {
            assertThat(window.firstSighting(s.id(), s.time()))
                    .as("sighting %s", s)
                    .isEqualTo(model.firstSighting(s.id(), s.time()));
            assertThat(window.size()).isEqualTo(model.seen.size());
        }
        for (long id = -1; id <= 300; id++) {
            assertThat(window.knows(id)).as("id %d", id).isEqualTo(model.seen.containsKey(id));
            assertThat(window.knows(id << 40)).isEqualTo(model.seen.containsKey(id << 40));
        }
        assertThat(window.knows(Long.MIN_VALUE)).isEqualTo(model.seen.containsKey(Long.MIN_VALUE));
    }

    @Provide
    Arbitrary<Long> windows() {
        return Arbitraries.longs().between(0, 1_500);
    }

    @Provide
    Arbitrary<Integer> caps() {
        return Arbitraries.integers().between(1, 400);
    }

    @Test
    void aRepeatIsDroppedUntilItLeavesTheWindowByTime() {
        TradeIdWindow window = new TradeIdWindow(1_000, 10);
        assertThat(window.firstSighting(7, 0)).isTrue();
        assertThat(window.firstSighting(7, 500)).isFalse();
        assertThat(window.firstSighting(8, 1_001)).isTrue();
        assertThat(window.knows(7)).isFalse();
        assertThat(window.firstSighting(7, 1_002)).isTrue();
    }

    @Test
    void holdsAtMostItsCapOldestArrivalsFirstOut() {
        TradeIdWindow window = new TradeIdWindow(Long.MAX_VALUE / 4, 100_000);
        for (long id = 0; id < 250_000; id++) {
            assertThat(window.firstSighting(id * 1_000_003L, 5)).isTrue();
        }
        assertThat(window.size()).isEqualTo(100_000);
        assertThat(window.knows(149_999 * 1_000_003L)).isFalse();
        assertThat(window.knows(150_000 * 1_000_003L)).isTrue();
        assertThat(window.knows(249_999 * 1_000_003L)).isTrue();
    }

    @Test
    void refusesAWindowThatKeepsNothing() {
        assertThatThrownBy(() -> new TradeIdWindow(1_000, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRemembered >= 1");
    }
}
