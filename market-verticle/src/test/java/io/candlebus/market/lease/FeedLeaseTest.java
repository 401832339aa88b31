package io.candlebus.market.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.market.lease.FeedLease.Change;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FeedLeaseTest {
    private static final String NAME = "market.binance.spot";
    private static final LeaseTimings T = new LeaseTimings(4_000, 1_000, 500);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final MemoryLeaseStore store = new MemoryLeaseStore(now::get);

    private FeedLease lease(String node) {
        return new FeedLease(NAME, node, node + "-token", T, store, now::get);
    }

    private static Change step(FeedLease lease) {
        return lease.step().result();
    }

    /** Advances the clock in 100 ms steps, stepping every lease, until {@code millis} have passed. */
    private void run(long millis, FeedLease... leases) {
        for (long t = 0; t < millis; t += 100) {
            now.addAndGet(100);
            for (FeedLease l : leases) {
                step(l);
            }
        }
    }

    @Test
    void theFirstNodeIsGrantedEpochOneAndTheSecondStandsBy() {
        FeedLease a = lease("a");
        FeedLease b = lease("b");

        assertThat(step(a)).isEqualTo(Change.GAINED);
        assertThat(step(b)).isEqualTo(Change.NONE);

        assertThat(a.held()).isTrue();
        assertThat(a.holder()).isEqualTo(new LeaseRecord("a", 1, "a-token"));
        assertThat(b.held()).isFalse();
        assertThat(b.holder()).as("the standby knows who holds it").isEqualTo(a.holder());
    }

    @Test
    void aRenewingHolderKeepsTheLeaseFarPastItsTtl() {
        FeedLease a = lease("a");
        FeedLease b = lease("b");
        step(a);

        run(60_000, a, b);

        assertThat(a.held()).isTrue();
        assertThat(b.held()).isFalse();
        assertThat(a.losses()).isZero();
        assertThat(b.grants()).isZero();
    }

    @Test
    void aHolderThatStopsRenewingIsTakenOverWithinTheTtlUnderAHigherEpoch() {
        FeedLease a = lease("a");
        FeedLease b = lease("b");
        step(a);
        run(2_000, a, b);

        // a dies (kill -9): it neither renews nor releases.
        long diedAt = now.get();
        long takenAt = -1;
        for (int i = 0; i < 100 && takenAt < 0; i++) {
            now.addAndGet(100);
            if (step(b) == Change.GAINED) {
                takenAt = now.get();
            }
        }

        assertThat(takenAt).as("taken over").isPositive();
        assertThat(takenAt - diedAt)
                .as("takeover after the holder's last renewal")
                .isLessThanOrEqualTo(T.ttlMillis() + T.retryEveryMillis());
        assertThat(b.holder().epoch()).isEqualTo(2);
    }

    @Test
    void aReleasedLeaseIsTakenAtTheStandbysNextLook() {
        FeedLease a = lease("a");
        FeedLease b = lease("b");
        step(a);
        run(1_000, a, b);

        assertThat(a.release().succeeded()).isTrue();
        assertThat(a.held()).isFalse();
        assertThat(a.losses()).as("a release is not a loss").isZero();
        run(T.retryEveryMillis(), b);

        assertThat(b.held()).isTrue();
    }

    @Test
    void aHolderThatCannotRenewStepsDownBeforeTheEntryCanExpire() {
        FeedLease a = lease("a");
        step(a);
        long lastSent = now.get();
        store.down = true;

        long lostAt = -1;
        for (int i = 0; i < 100 && lostAt < 0; i++) {
            now.addAndGet(100);
            if (step(a) == Change.LOST) {
                lostAt = now.get();
            }
        }

        assertThat(lostAt - lastSent).isLessThanOrEqualTo(T.validForMillis());
        assertThat(lostAt - lastSent).as("stepped down before the TTL ends").isLessThan(T.ttlMillis());
        assertThat(a.lostReason()).contains("no renewal succeeded");
    }

    @Test
    void aHolderSeeingALaterGrantStepsDownAtItsNextRenewal() {
        FeedLease a = lease("a");
        FeedLease b = lease("b");
        step(a);
        // As after a split cluster healed: the other side's grant, a later epoch, won the merge.
        LeaseRecord other = new LeaseRecord("b", 7, "b-token");
        store.overwrite(NAME, other, T.ttlMillis());

        Change seen = Change.NONE;
        for (int i = 0; i < 20 && seen == Change.NONE; i++) {
            now.addAndGet(100);
            seen = step(a);
        }

        assertThat(seen).isEqualTo(Change.LOST);
        assertThat(a.held()).isFalse();
        assertThat(a.holder()).isEqualTo(other);
        assertThat(a.lostReason()).contains("held by b under epoch 7");
        assertThat(b.held()).as("b never asked").isFalse();
    }

    @Test
    void aNodeThatLostTheLeaseCanBeGrantedItAgainUnderANewEpoch() {
        FeedLease a = lease("a");
        step(a);
        store.down = true;
        run(T.ttlMillis(), a);
        assertThat(a.held()).isFalse();

        store.down = false;
        run(T.ttlMillis() + T.retryEveryMillis(), a);

        assertThat(a.held()).isTrue();
        assertThat(a.grants()).isEqualTo(2);
        assertThat(a.holder().epoch()).isEqualTo(2);
    }

    @Test
    void aStoreOperationThatNeverAnswersIsForgottenAndTheStandbyLooksAgain() {
        FeedLease a = lease("a");
        store.hung = true;
        step(a);
        run(T.ttlMillis(), a);
        assertThat(a.held()).isFalse();

        store.hung = false;
        run(T.retryEveryMillis() + 200, a);

        assertThat(a.held()).isTrue();
    }

    @Test
    void onlyOneOfManyStandbysIsGrantedAFreeLease() {
        FeedLease[] nodes = {lease("a"), lease("b"), lease("c")};
        run(3_000, nodes);

        long holders = Arrays.stream(nodes).filter(FeedLease::held).count();
        assertThat(holders).isEqualTo(1);
    }

    @Test
    void recordsRoundTripAndBadOnesAreNamed() {
        LeaseRecord r = new LeaseRecord("node-1@host:x|y", 42, "tok");
        assertThat(LeaseRecord.decode(r.encode())).isEqualTo(r);
        assertThat(LeaseRecord.decode(null)).isNull();
        assertThatThrownBy(() -> LeaseRecord.decode("x|y|z"))
                .hasMessageContaining("numeric epoch")
                .hasMessageContaining("x|y|z");
        assertThatThrownBy(() -> new LeaseTimings(2_000, 1_000, 500)).hasMessageContaining("lease.ttlMillis");
    }
}
