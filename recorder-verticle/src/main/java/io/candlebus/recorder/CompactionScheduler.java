package io.candlebus.recorder;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs compaction passes for a recorder verticle: at start and then every {@code everyMillis} of real time,
 * finds the days due (by the recorder's clock, so sim time when it is accelerated) and compacts them one at a
 * time, each under the cluster-wide lock {@code candlebus.compaction.<day>} (Hazelcast-backed in a clustered
 * node, local otherwise), so only one node compacts a day at a time; a day whose lock another node holds is
 * left to it. All file work runs in blocking tasks, never on the event loop. Used on the verticle's context.
 */
final class CompactionScheduler {
    private static final Logger log = LoggerFactory.getLogger(CompactionScheduler.class);
    /** How long a pass waits for a day's cluster lock before leaving the day to its holder. */
    private static final long LOCK_WAIT_MILLIS = 1_000L;

    private final Vertx vertx;
    private final CompactionConfig config;
    private final Clock clock;
    private final DayCompactor compactor;
    private final DueDays dueDays;
    private final RecorderStats stats;
    private long timer = -1;
    private boolean stopped;
    private Future<Void> pass = Future.succeededFuture();
    private boolean running;

    CompactionScheduler(
            Vertx vertx,
            Path dataDir,
            CompactionConfig config,
            Clock clock,
            PartitionLocks locks,
            RecorderStats stats) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
        this.stats = stats;
        this.compactor = new DayCompactor(dataDir, locks, (step, dir) -> {
            if (step == CompactionStep.SWAPPED) {
                log.debug("{}: swapped in its compacted file", dir);
            }
        });
        this.dueDays = new DueDays(dataDir);
    }

    void start() {
        runPass();
        timer = vertx.setPeriodic(config.everyMillis(), id -> runPass());
    }

    /** Stops the timer and returns once the running pass (if any) has finished its current day. */
    Future<Void> stop() {
        stopped = true;
        vertx.cancelTimer(timer);
        return pass;
    }

    private void runPass() {
        if (running || stopped) {
            return;
        }
        running = true;
        long now = clock.millis();
        pass = vertx.<List<PartitionPath>>executeBlocking(() -> dueDays.due(now, config.delayMillis()), false)
                .compose(days -> compactEach(days, 0))
                .recover(e -> {
                    stats.compactionFailures++;
                    log.warn("compaction pass: expected the due days listed, was {}", e.toString());
                    return Future.succeededFuture();
                })
                .onComplete(ignored -> running = false);
    }

    private Future<Void> compactEach(List<PartitionPath> days, int i) {
        if (i >= days.size() || stopped) {
            return Future.succeededFuture();
        }
        PartitionPath day = days.get(i);
        return vertx.sharedData()
                .getLockWithTimeout("candlebus.compaction." + day, LOCK_WAIT_MILLIS)
                .compose(lock -> compactLocked(day, lock), busy -> {
                    log.debug("{}: left to the node holding its compaction lock ({})", day, busy.toString());
                    return Future.succeededFuture();
                })
                .compose(v -> compactEach(days, i + 1));
    }

    private Future<Void> compactLocked(PartitionPath day, Lock lock) {
        return vertx.<DayCompactor.Outcome>executeBlocking(
                        () -> {
                            DayCompactor.Outcome outcome = compactor.compact(day);
                            dueDays.settled(day, System.currentTimeMillis());
                            return outcome;
                        },
                        false)
                .transform(result -> {
                    lock.release();
                    if (result.succeeded()) {
                        DayCompactor.Outcome o = result.result();
                        if (o.compacted()) {
                            stats.compactedDays++;
                            stats.compactedParts += o.partsRemoved();
                            log.info(
                                    "{}: compacted {} parts into one file of {} rows", day, o.partsRemoved(), o.rows());
                        }
                    } else {
                        stats.compactionFailures++;
                        log.warn(
                                "{}: expected the day compacted, was {}",
                                day,
                                result.cause().toString());
                    }
                    return Future.<Void>succeededFuture();
                });
    }
}
