package io.candlebus.market.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Candle;
import io.candlebus.contract.FeedEvent;
import io.candlebus.contract.FeedRepair;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.market.Backoff;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShardRepairsTest {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final Instrument KRW_ETH = Instrument.parse("bithumb:spot:KRW-ETH");
    private static final Instrument KRW_XRP = Instrument.parse("bithumb:spot:KRW-XRP");
    /** Two parts of one venue market: a repair of one must neither hold nor re-cover the other's instruments. */
    private static final String PART0 = "bithumb.spot";

    private static final String PART1 = "bithumb.spot#1";
    private static final Map<Instrument, String> FEED_OF = Map.of(KRW_BTC, PART0, KRW_ETH, PART0, KRW_XRP, PART1);
    /** 2026-01-01T00:00:00Z. */
    private static final long T0 = 1_767_225_600_000L;

    private static final long MIN = 60_000L;
    private static final long GRACE = 2_000L;
    private static final long BACKOFF_MIN = 100;
    private static final long BACKOFF_MAX = 1_000;

    /** A request sent, and the promise the test completes as the feed's answer. */
    private record Sent(String feed, FeedRepair request, Promise<Void> answer) {}

    /** The bus and the timers, by hand: every request is kept, timers run when the test fires them. */
    private static final class HandLink implements ShardRepairs.Link {
        final List<Sent> sent = new ArrayList<>();
        final Map<Long, Runnable> timers = new TreeMap<>();
        final Map<Long, Long> delays = new TreeMap<>();
        final Set<Long> cancelled = new HashSet<>();
        long nextTimer = 1;

        @Override
        public Future<?> send(String feed, FeedRepair request) {
            Promise<Void> answer = Promise.promise();
            sent.add(new Sent(feed, request, answer));
            return answer.future();
        }

        @Override
        public long setTimer(long delayMillis, Runnable action) {
            long id = nextTimer++;
            timers.put(id, action);
            delays.put(id, delayMillis);
            return id;
        }

        @Override
        public void cancelTimer(long timer) {
            if (timers.remove(timer) != null) {
                cancelled.add(timer);
            }
        }

        Sent last() {
            return sent.get(sent.size() - 1);
        }

        /** Fires the only pending timer. */
        void fire() {
            assertThat(timers).as("pending timers").hasSize(1);
            long id = timers.keySet().iterator().next();
            timers.remove(id).run();
        }
    }

    private final List<Candle> closed = new ArrayList<>();
    private final CandleAggregator aggregator =
            new CandleAggregator(List.of(Interval.M1), GRACE, 30_000, closed::add, FEED_OF::get);
    private final Backoff backoff = new Backoff(BACKOFF_MIN, BACKOFF_MAX);
    private final HandLink link = new HandLink();
    private final ShardRepairs repairs = new ShardRepairs(1, 4, aggregator, FEED_OF::get, backoff, link);
    private long tradeId = 1;

    @BeforeEach
    void liveTradeStreams() {
        // Every instrument trade-fed and live, its first minute closed: a repair re-covers from the next one.
        for (Instrument i : FEED_OF.keySet()) {
            aggregator.add(i);
            aggregator.suspend(i);
            aggregator.resume(i, T0);
            aggregator.onTrade(trade(i, T0 + 30_000));
        }
        aggregator.onTick(T0 + MIN + GRACE);
        assertThat(closed).hasSize(3);
        closed.clear();
        for (Instrument i : FEED_OF.keySet()) {
            aggregator.onTrade(trade(i, T0 + MIN + 30_000));
        }
        // Both feeds heard from at epoch 7, numbers 0 and 1.
        for (String feed : List.of(PART0, PART1)) {
            assertThat(repairs.check(alive(feed, 7, 0))).isEqualTo(SequenceTracker.Verdict.FRESH);
            assertThat(repairs.check(alive(feed, 7, 1))).isEqualTo(SequenceTracker.Verdict.NEXT);
        }
        assertThat(link.sent).isEmpty();
    }

    private Trade trade(Instrument i, long time) {
        return new Trade(i, new BigDecimal("100"), BigDecimal.ONE, time, Side.BUY, tradeId++);
    }

    private static FeedEvent alive(String feed, long epoch, long seq) {
        return new FeedEvent.Alive(feed, epoch, seq, Long.MIN_VALUE, T0, 4);
    }

    private Map<String, Long> counters() {
        Map<String, Long> c = new TreeMap<>();
        repairs.exportTo(c);
        return c;
    }

    @Test
    void aHoleHoldsOnlyTheFeedsInstrumentsAndAsksForTheFirstMinuteNotClosed() {
        assertThat(repairs.check(alive(PART0, 7, 3))).isEqualTo(SequenceTracker.Verdict.GAP);

        assertThat(link.sent).hasSize(1);
        Sent sent = link.last();
        assertThat(sent.feed()).isEqualTo(PART0);
        assertThat(sent.request())
                .isEqualTo(new FeedRepair(1, 4, 1, Map.of(KRW_BTC.key(), T0 + MIN, KRW_ETH.key(), T0 + MIN)));
        assertThat(repairs.isEmpty()).isFalse();
        assertThat(repairs.drops(PART0)).isTrue();
        assertThat(repairs.drops(PART1)).isFalse();
        // The held streams close nothing by the clock; the other part's stream does.
        aggregator.onTick(T0 + 2 * MIN + GRACE);
        assertThat(closed).extracting(Candle::instrument).containsExactly(KRW_XRP);
        assertThat(counters())
                .containsEntry("seqGaps", 1L)
                .containsEntry("seqMissed", 1L)
                .containsEntry("repairsRequested", 1L)
                .containsEntry("droppedInRepair", 1L);
    }

    @Test
    void onlyTheStartOfTheTokenOwedEndsTheRepairAndResetsTheBackoff() {
        repairs.check(alive(PART0, 7, 3));
        link.last().answer().fail("no handler");
        assertThat(backoff.failures()).isEqualTo(1);

        repairs.started(PART0, 2);
        assertThat(repairs.isEmpty()).as("a start of another token").isFalse();
        assertThat(counters()).containsEntry("repairsStarted", 0L);

        repairs.started(PART0, 1);
        assertThat(repairs.isEmpty()).isTrue();
        assertThat(repairs.drops(PART0)).isFalse();
        assertThat(link.timers).as("the retry cancelled").isEmpty();
        assertThat(backoff.failures()).isZero();
        assertThat(counters())
                .containsEntry("repairsStarted", 1L)
                .containsEntry("repairFailures", 1L)
                .containsEntry("droppedInRepair", 0L);
    }

    @Test
    void aRequestNotTakenIsAskedAgainWithTheSameTokenAfterAGrowingBackoff() {
        repairs.check(alive(PART0, 7, 3));

        link.last().answer().fail("timeout");
        assertThat(link.delays.values()).singleElement().satisfies(d -> assertThat(d)
                .isBetween(BACKOFF_MIN / 2, BACKOFF_MIN));
        link.fire();
        assertThat(link.sent).hasSize(2);
        assertThat(link.last().request().token()).isEqualTo(1);

        link.last().answer().fail("timeout");
        assertThat(link.delays).hasSize(2);
        assertThat(link.delays.get(2L)).isBetween(BACKOFF_MIN, 2 * BACKOFF_MIN);
        link.fire();
        assertThat(link.sent).hasSize(3);
        assertThat(link.last().request().token()).isEqualTo(1);

        // Answered: nothing more is asked until the feed's start arrives.
        link.last().answer().complete();
        assertThat(link.timers).isEmpty();
        assertThat(counters()).containsEntry("repairsRequested", 3L).containsEntry("repairFailures", 2L);
    }

    @Test
    void aNewerHoleSupersedesARequestNotYetStarted() {
        repairs.check(alive(PART0, 7, 3));
        Sent first = link.last();
        first.answer().fail("timeout");
        assertThat(link.timers).hasSize(1);

        // Events out of order: another hole, a new token; the pending retry of the old one is cancelled.
        assertThat(repairs.check(alive(PART0, 7, 2))).isEqualTo(SequenceTracker.Verdict.LATE);
        assertThat(link.timers).isEmpty();
        assertThat(link.cancelled).containsExactly(1L);
        assertThat(link.last().request().token()).isEqualTo(2);

        // The old token's start does not end the repair; the new one's does.
        repairs.started(PART0, 1);
        assertThat(repairs.drops(PART0)).isTrue();
        repairs.started(PART0, 2);
        assertThat(repairs.drops(PART0)).isFalse();
        assertThat(counters()).containsEntry("seqLate", 1L).containsEntry("repairsStarted", 1L);
    }

    @Test
    void aLateFailureOfASupersededRequestAsksNothingAgain() {
        repairs.check(alive(PART0, 7, 3));
        Sent first = link.last();
        repairs.check(alive(PART0, 7, 9));
        assertThat(link.sent).hasSize(2);

        first.answer().fail("timeout");

        assertThat(link.timers).isEmpty();
        assertThat(counters()).containsEntry("repairFailures", 0L);
        assertThat(backoff.failures()).isZero();
    }

    @Test
    void aFreshStartOfTheFeedEndsTheRepairOwed() {
        repairs.check(alive(PART0, 7, 3));
        link.last().answer().fail("timeout");

        assertThat(repairs.check(alive(PART0, 8, 0))).isEqualTo(SequenceTracker.Verdict.FRESH);

        assertThat(repairs.isEmpty()).isTrue();
        assertThat(link.timers).isEmpty();
        assertThat(link.cancelled).containsExactly(1L);
        assertThat(link.sent).hasSize(1);
        assertThat(counters()).containsEntry("epochChanges", 1L);
    }

    @Test
    void stoppingCancelsEveryPendingRetry() {
        repairs.check(alive(PART0, 7, 3));
        repairs.check(alive(PART1, 7, 5));
        link.sent.forEach(s -> s.answer().fail("timeout"));
        assertThat(link.timers).hasSize(2);

        repairs.cancelTimers();

        assertThat(link.timers).isEmpty();
    }
}
