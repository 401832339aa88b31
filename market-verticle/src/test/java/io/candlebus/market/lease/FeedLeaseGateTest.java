package io.candlebus.market.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.market.Feed;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate over two nodes' leases in one store (in memory, real time): a feed starts only with its lease, the
 * other node stands by and says so in its heartbeat, takes over at a release without publishing again what it
 * heard, and a node whose lease is taken from it stops its feed and stands by with a fresh one.
 */
class FeedLeaseGateTest {
    private static final LeaseTimings FAST = new LeaseTimings(900, 300, 100);
    private static final Instrument SPOT = Instrument.parse("binance:spot:BTCUSDT");

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final MemoryLeaseStore store = new MemoryLeaseStore(() -> System.nanoTime() / 1_000_000L);

    /** A feed that only records whether it was started and stopped. */
    private static final class StandInFeed implements Feed {
        volatile boolean started;
        volatile boolean stopped;

        @Override
        public String component() {
            return "market.binance.spot";
        }

        @Override
        public Set<String> feedKeys() {
            return Set.of("binance:spot");
        }

        @Override
        public void start() {
            started = true;
        }

        @Override
        public Future<Void> stop() {
            stopped = true;
            return Future.succeededFuture();
        }

        @Override
        public void add(Instrument instrument) {}

        @Override
        public void remove(Instrument instrument) {}

        @Override
        public void recover(Map<Instrument, Long> fromOpenTime) {}

        @Override
        public Set<Instrument> instruments() {
            return Set.of(SPOT);
        }

        @Override
        public void tick(long now) {}

        @Override
        public String state() {
            return "live";
        }

        @Override
        public Map<String, Long> counters() {
            return Map.of("messages", 1L);
        }

        @Override
        public long lastEventTime() {
            return 0;
        }

        @Override
        public long aliveUntil() {
            return Long.MIN_VALUE;
        }
    }

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void onlyTheHolderFeedsTheOtherStandsByAndTakesOverAtARelease() throws Exception {
        StandInFeed feedA = new StandInFeed();
        StandInFeed feedB = new StandInFeed();
        FeedLeaseGate a = onContext(() -> new FeedLeaseGate(vertx, "a", store, FAST, stopped -> new StandInFeed()));
        FeedLeaseGate b = onContext(() -> new FeedLeaseGate(vertx, "b", store, FAST, stopped -> new StandInFeed()));
        onContext(() -> a.start(List.of(feedA))).await(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> feedA.started);
        onContext(() -> b.start(List.of(feedB))).await(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> onContext(() -> b.heartbeat(feedB, 0).counters().get("leaseEpoch")) == 1L);

        Heartbeat standby = onContext(() -> b.heartbeat(feedB, 0));
        assertThat(standby.state()).isEqualTo("standby");
        assertThat(standby.streams()).isEmpty();
        assertThat(standby.counters()).containsEntry("leaseHeld", 0L).doesNotContainKey("messages");
        assertThat(onContext(() -> a.heartbeat(feedA, 0).counters()))
                .containsEntry("leaseHeld", 1L)
                .containsEntry("leaseEpoch", 1L)
                .containsEntry("messages", 1L);
        assertThat(feedB.started).as("the standby's feed").isFalse();
        assertThat(onContext(() -> b.active(feedB))).isFalse();

        // The holder stops cleanly.
        onContext(a::stop).await(5, TimeUnit.SECONDS);
        long released = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).until(() -> feedB.started);
        assertThat((System.nanoTime() - released) / 1_000_000)
                .as("taken over at the standby's next look, not at expiry")
                .isLessThan(FAST.ttlMillis());
        assertThat(onContext(() -> b.heartbeat(feedB, 0).counters())).containsEntry("leaseEpoch", 2L);
    }

    @Test
    void aHolderWhoseLeaseIsTakenStopsItsFeedAndStandsByWithAFreshOne() throws Exception {
        StandInFeed feed = new StandInFeed();
        List<StandInFeed> made = new ArrayList<>();
        FeedLeaseGate gate = onContext(() -> new FeedLeaseGate(vertx, "a", store, FAST, stopped -> {
            StandInFeed fresh = new StandInFeed();
            made.add(fresh);
            return fresh;
        }));
        onContext(() -> gate.start(List.of(feed))).await(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.started);

        // Another grant replaces the entry (as a healed split cluster's merge may).
        onContext(() -> {
            store.overwrite("market.binance.spot", new LeaseRecord("other", 9, "other-token"), FAST.ttlMillis());
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> onContext(made::size) == 1);
        assertThat(feed.stopped).isTrue();
        assertThat(onContext(() -> gate.heartbeat(made.get(0), 0).state())).isEqualTo("standby");
        assertThat(onContext(() -> gate.active(feed))).isFalse();

        // The other holder's entry expires unrenewed: the fresh feed is started under a later epoch.
        await().atMost(Duration.ofSeconds(5)).until(() -> made.get(0).started);
        assertThat(onContext(() -> gate.heartbeat(made.get(0), 0).counters()))
                .containsEntry("leaseHeld", 1L)
                .containsEntry("leaseLosses", 1L)
                .containsEntry("leaseGrants", 2L);
    }

    private <T> T onContext(Supplier<T> action) throws Exception {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.fail(e);
            }
        });
        return result.future().await(10, TimeUnit.SECONDS);
    }
}
