package io.candlebus.market;

import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts each feed part on the event loop of a candle shard it feeds, where the node runs both (the {@code market}
 * role), so that its trades reach the shard without crossing threads: a hand-off to another loop costs a wake-up and
 * a second core's cache, and measured a third more CPU per message in {@code bench} than the same work on one loop.
 *
 * <p>Vert.x gives no way to ask for a loop: each instance of a deployment gets the next one of its round robin. So
 * the shards record the loop they were given ({@link #shard}), and the feed parts of a venue market are deployed as
 * the instances of one deployment whose instances choose, when their context is known, the part whose shard runs on
 * that loop ({@link #parts}). What a part carries is fixed by the config ({@link FeedParts#partOf}); only the loop it
 * runs on is chosen here, so a placement that cannot be met (fewer loops than parts plus shards, another context
 * created in between) costs speed, never correctness. {@link #placed} tells what was met.
 */
public final class FeedPlacement {
    private final int shards;
    private final Map<Integer, Thread> shardLoops = new ConcurrentHashMap<>();
    private final Map<String, Integer> placed = new ConcurrentHashMap<>();

    /** A placement for a node with {@code shards} candle shards (0 where the node runs none). */
    public FeedPlacement(int shards) {
        this.shards = shards;
    }

    /** One feed part to place: its verticle, its feed id, and which of {@code count} parts it is. */
    public record Part(Deployable verticle, String feedId, FeedPart part) {}

    /** Returns candle shard {@code shard} as a deployable that records the event loop it starts on. */
    public Deployable shard(int shard, Deployable verticle) {
        return new Deployable() {
            @Override
            public Future<?> deploy(Context context) throws Exception {
                // A deployment starts each instance on its own context's thread: for an event-loop context, its loop.
                shardLoops.put(shard, Thread.currentThread());
                return verticle.deploy(context);
            }

            @Override
            public Future<?> undeploy(Context context) throws Exception {
                return verticle.undeploy(context);
            }
        };
    }

    /**
     * Returns the feed parts of one venue market as the instances of one deployment (in any order): each instance
     * runs the part whose shard is on the loop it was given, or else the first part not taken.
     */
    public List<Deployable> parts(List<Part> parts) {
        Claims claims = new Claims(parts);
        List<Deployable> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            out.add(new Deployable() {
                private Part chosen;

                @Override
                public Future<?> deploy(Context context) throws Exception {
                    chosen = claims.claim(Thread.currentThread());
                    return chosen.verticle().deploy(context);
                }

                @Override
                public Future<?> undeploy(Context context) throws Exception {
                    return chosen.verticle().undeploy(context);
                }
            });
        }
        return out;
    }

    /**
     * Returns the order in which to deploy {@code shards} shards (one deployment, loops taken in turn) for venue
     * markets of {@code parts} parts: with a multiple of the parts as shards, the shards of a part are spread, so that
     * any run of consecutive loops, which the parts' deployment takes, holds a shard of each part.
     */
    public static int[] shardOrder(int shards, int parts) {
        int[] order = new int[shards];
        int perPart = shards % parts == 0 ? shards / parts : 1;
        for (int i = 0; i < shards; i++) {
            order[i] = perPart == 1 ? i : (i % parts) * perPart + i / parts;
        }
        return order;
    }

    /** Returns, for each feed id placed so far, the shard whose loop it shares, or -1 for none. */
    public Map<String, Integer> placed() {
        return Map.copyOf(placed);
    }

    /**
     * Returns whether part {@code part} may send trades to shard {@code shard}: parts and shards are equal ranges of
     * one mixed hash ({@link io.candlebus.contract.FeedShards#slot}), and a part feeds the shards whose range meets its
     * own. With as many parts as shards, part {@code p} feeds shard {@code p} alone.
     */
    static boolean feeds(FeedPart part, int shard, int shards) {
        long p = part.index();
        long parts = part.count();
        return p * shards < (shard + 1L) * parts && shard * parts < (p + 1) * shards;
    }

    /** The parts of one deployment not taken yet. */
    private final class Claims {
        private final List<Part> open;

        Claims(List<Part> parts) {
            this.open = new ArrayList<>(parts);
        }

        /** Takes the open part feeding a shard that runs on {@code loop}, else the first open part. */
        synchronized Part claim(Thread loop) {
            for (Map.Entry<Integer, Thread> e : shardLoops.entrySet()) {
                if (e.getValue() == loop) {
                    for (Part p : open) {
                        if (feeds(p.part(), e.getKey(), shards)) {
                            return take(p, e.getKey());
                        }
                    }
                }
            }
            return take(open.get(0), -1);
        }

        private Part take(Part part, int shard) {
            open.remove(part);
            placed.put(part.feedId(), shard);
            return part;
        }
    }
}
