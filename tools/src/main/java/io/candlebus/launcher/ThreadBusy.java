package io.candlebus.launcher;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPU time the measured node's event-loop threads and the bench's driver (the calling thread) spend over the
 * measured run, as a share of it: whether a loop was saturated or waited, which the process's CPU time alone does
 * not tell.
 */
final class ThreadBusy {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<Long> ids;
    private final long[] start;

    private ThreadBusy(List<Long> ids) {
        this.ids = ids;
        this.start = new long[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            start[i] = cpu(ids.get(i));
        }
    }

    /**
     * Starts counting for every event loop of {@code vertx} and the calling thread. The loops are found by deploying
     * {@code eventLoops} instances of a verticle that notes its thread (Vert.x hands out the loops round robin), after
     * the node's verticles, so their layout is untouched.
     */
    static ThreadBusy of(Vertx vertx, int eventLoops) {
        Set<Long> loops = ConcurrentHashMap.newKeySet();
        String id = vertx.deployVerticle(
                        () -> new VerticleBase() {
                            @Override
                            public Future<?> start() {
                                loops.add(Thread.currentThread().getId());
                                return Future.succeededFuture();
                            }
                        },
                        new DeploymentOptions().setInstances(eventLoops))
                .await();
        vertx.undeploy(id).await();
        List<Long> ids = new ArrayList<>(new TreeSet<>(loops));
        ids.add(Thread.currentThread().getId());
        return new ThreadBusy(ids);
    }

    /** Returns each event loop's share of {@code elapsedNanos} on a CPU, then the driver's; -1 where unknown. */
    List<Double> since(long elapsedNanos) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            long now = cpu(ids.get(i));
            out.add(now < 0 || start[i] < 0 ? -1.0 : (now - start[i]) / (double) Math.max(1, elapsedNanos));
        }
        return out;
    }

    private long cpu(long id) {
        return threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(id) : -1;
    }
}
