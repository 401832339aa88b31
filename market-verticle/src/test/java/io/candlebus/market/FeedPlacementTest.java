package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Deploys shards and feed parts through {@link FeedPlacement} on a real Vert.x and checks which loop each ran on. */
class FeedPlacementTest {

    /** Where each deployable started: its name to its thread (an event loop). */
    private final Map<String, Thread> started = new ConcurrentHashMap<>();

    @Test
    void eachPartRunsOnTheLoopOfItsShardWhateverLoopsTheDeploymentsTake() {
        for (int loops : new int[] {2, 4}) {
            // Contexts made before and between the deployments move Vert.x's round robin: the parts' deployment
            // starts on a loop the shards' did not.
            for (int skew = 0; skew < loops; skew++) {
                Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
                try {
                    FeedPlacement placement = new FeedPlacement(loops);
                    deploy(vertx, shards(placement, loops));
                    for (int i = 0; i < skew; i++) {
                        deploy(vertx, List.of(recording("other" + i)));
                    }
                    deploy(vertx, placement.parts(parts(loops)));
                    for (int p = 0; p < loops; p++) {
                        assertThat(started.get("part" + p))
                                .as("part %d of %d, %d contexts between", p, loops, skew)
                                .isSameAs(started.get("shard" + p));
                        assertThat(placement.placed()).containsEntry("bithumb.spot#" + p, p);
                    }
                } finally {
                    vertx.close().await();
                    started.clear();
                }
            }
        }
    }

    @Test
    void twoPartsOverFourShardsTakeALoopOfAShardTheyFeed() {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
        try {
            FeedPlacement placement = new FeedPlacement(4);
            int[] order = FeedPlacement.shardOrder(4, 2);
            assertThat(order).containsExactly(0, 2, 1, 3);
            List<Deployable> shards = new ArrayList<>();
            for (int s : order) {
                shards.add(placement.shard(s, recording("shard" + s)));
            }
            deploy(vertx, shards);
            deploy(vertx, List.of(recording("other")));
            deploy(vertx, placement.parts(parts(2)));
            // Part 0 feeds shards 0 and 1, part 1 shards 2 and 3; whichever two consecutive loops the parts get, each
            // holds a shard of a part.
            for (int p = 0; p < 2; p++) {
                int shard = placement.placed().get("bithumb.spot#" + p);
                assertThat(shard / 2).as("shard of part %d", p).isEqualTo(p);
                assertThat(started.get("part" + p)).isSameAs(started.get("shard" + shard));
            }
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void withoutShardsOnTheNodeEveryPartStillRunsOnce() {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            FeedPlacement placement = new FeedPlacement(0);
            deploy(vertx, placement.parts(parts(3)));
            assertThat(started).containsOnlyKeys("part0", "part1", "part2");
            assertThat(placement.placed())
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("bithumb.spot#0", -1, "bithumb.spot#1", -1, "bithumb.spot#2", -1));
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void shardsOfOnePartAreDeployedApart() {
        assertThat(FeedPlacement.shardOrder(4, 4)).containsExactly(0, 1, 2, 3);
        assertThat(FeedPlacement.shardOrder(6, 3)).containsExactly(0, 2, 4, 1, 3, 5);
        assertThat(FeedPlacement.shardOrder(3, 2)).containsExactly(0, 1, 2);
        assertThat(FeedPlacement.shardOrder(2, 4)).containsExactly(0, 1);
    }

    @Test
    void whichPartFeedsWhichShard() {
        assertThat(FeedPlacement.feeds(new FeedPart(1, 2), 1, 2)).isTrue();
        assertThat(FeedPlacement.feeds(new FeedPart(1, 2), 0, 2)).isFalse();
        // Two parts over four shards: part 1 holds the upper half, shards 2 and 3.
        assertThat(FeedPlacement.feeds(new FeedPart(1, 2), 3, 4)).isTrue();
        assertThat(FeedPlacement.feeds(new FeedPart(1, 2), 1, 4)).isFalse();
        // Four parts over two shards: parts 2 and 3 both feed shard 1.
        assertThat(FeedPlacement.feeds(new FeedPart(3, 4), 1, 2)).isTrue();
        assertThat(FeedPlacement.feeds(new FeedPart(3, 4), 0, 2)).isFalse();
        // Three parts over two shards: the middle part meets both.
        assertThat(FeedPlacement.feeds(new FeedPart(1, 3), 0, 2)).isTrue();
        assertThat(FeedPlacement.feeds(new FeedPart(1, 3), 1, 2)).isTrue();
        assertThat(FeedPlacement.feeds(FeedPart.WHOLE, 3, 4)).isTrue();
    }

    private List<Deployable> shards(FeedPlacement placement, int count) {
        List<Deployable> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            out.add(placement.shard(s, recording("shard" + s)));
        }
        return out;
    }

    private List<FeedPlacement.Part> parts(int count) {
        List<FeedPlacement.Part> out = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            FeedPart part = new FeedPart(p, count);
            out.add(new FeedPlacement.Part(recording("part" + p), "bithumb.spot#" + p, part));
        }
        return out;
    }

    private Deployable recording(String name) {
        return context -> {
            started.put(name, Thread.currentThread());
            return Future.succeededFuture();
        };
    }

    private static void deploy(Vertx vertx, List<Deployable> instances) {
        Iterator<Deployable> next = instances.iterator();
        vertx.deployVerticle(next::next, new DeploymentOptions().setInstances(instances.size()))
                .await();
    }
}
