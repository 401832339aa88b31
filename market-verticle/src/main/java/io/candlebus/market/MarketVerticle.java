package io.candlebus.market;

import io.candlebus.market.candle.ShardSpools;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the market role as separate verticles, each on its own event loop (ADR 0005): the candle shards ({@link
 * CandleVerticle}, {@code market.candleShards} of them), the subscription owner ({@link SubscriptionVerticle}) and
 * one {@link FeedVerticle} per venue market of the {@link Venues} registry.
 * {@link Parts} deploys only the feeds (with the subscription owner) or only the candle shards, for nodes that split
 * them. They are child deployments: undeploying this verticle undeploys them. Candle shards start first, so they
 * listen before the feeds send their first events.
 */
public final class MarketVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(MarketVerticle.class);

    /** What a node runs of the market role. */
    public enum Parts {
        /** Feeds, the subscription owner and the candle shards: the {@code market} role. */
        ALL,
        /** Feeds and the subscription owner: the {@code feeds} role. */
        FEEDS,
        /** Candle shards: the {@code candles} role. */
        CANDLES;

        boolean feeds() {
            return this != CANDLES;
        }

        boolean candles() {
            return this != FEEDS;
        }
    }

    private final MarketConfig config;
    private final Clock clock;
    private final String node;
    private final Path outboxDir;
    private final Parts parts;

    public MarketVerticle(MarketConfig config, Clock clock, String node) {
        this(config, clock, node, null);
    }

    /**
     * A market verticle whose candle shards keep the closed candles no recorder has acknowledged at their stop in
     * {@code outboxDir/shard-<n>} and re-send them at the next start (null: they are lost, and the log says how
     * many).
     */
    public MarketVerticle(MarketConfig config, Clock clock, String node, Path outboxDir) {
        this(config, clock, node, outboxDir, Parts.ALL);
    }

    /** The clients the feeds share, made at start when this node runs feeds. */
    private FeedClients clients;

    public MarketVerticle(MarketConfig config, Clock clock, String node, Path outboxDir, Parts parts) {
        this.config = config;
        this.clock = clock;
        this.node = node;
        this.outboxDir = outboxDir;
        this.parts = parts;
    }

    @Override
    public Future<?> start() {
        int shards = config.effectiveCandleShards();
        FeedParts feedParts = FeedParts.of(config);
        List<String> feedIds = feedParts.ids();
        Future<Void> chain = Future.succeededFuture();
        FeedPlacement placement = new FeedPlacement(parts.candles() ? shards : 0);
        if (parts.candles()) {
            if (outboxDir != null) {
                chain = chain.compose(v -> vertx.executeBlocking(() -> ShardSpools.migrate(outboxDir, shards))
                        .onSuccess(moved -> {
                            if (moved > 0) {
                                LOG.info("moved {} kept outbox files into {}", moved, ShardSpools.dir(outboxDir, 0));
                            }
                        })
                        .mapEmpty());
            }
            List<Deployable> candles = new ArrayList<>();
            for (int shard : FeedPlacement.shardOrder(shards, config.feedConnections())) {
                Path spool = outboxDir == null ? null : ShardSpools.dir(outboxDir, shard);
                candles.add(placement.shard(
                        shard,
                        new CandleVerticle(config, clock, node, shard, shards, spool, feedIds, parts == Parts.ALL)));
            }
            chain = chain.compose(v -> deployOnDistinctLoops(candles));
        }
        if (parts.feeds()) {
            chain = chain.compose(v -> deploy(new SubscriptionVerticle(config, clock, node, feedIds)));
            // The parts of one venue market side by side, so that each has a loop of its own, the one of a shard it
            // feeds where this node runs the shards; the clients made first.
            clients = FeedClients.create(vertx);
            Map<String, List<FeedPlacement.Part>> byMarket = new LinkedHashMap<>();
            for (FeedParts.Part p : feedParts.all()) {
                byMarket.computeIfAbsent(p.venue().exchange() + "/" + p.market(), k -> new ArrayList<>())
                        .add(new FeedPlacement.Part(
                                new FeedVerticle(config, clock, node, p.venue(), p.market(), p.part(), clients),
                                p.feedId(),
                                p.part()));
            }
            for (List<FeedPlacement.Part> feeds : byMarket.values()) {
                chain = chain.compose(v -> deployOnDistinctLoops(placement.parts(feeds)));
            }
        }
        return chain.onSuccess(v -> LOG.info(
                "market {} started on {}: {} candle shards, {}; feeds on the loop of shard {}",
                parts,
                node,
                shards,
                config.instruments(),
                new TreeMap<>(placement.placed())));
    }

    @Override
    public Future<?> stop() {
        // The feed verticles, deployed from here, are undeployed before this stop runs.
        return clients == null ? Future.succeededFuture() : clients.close();
    }

    private Future<Void> deploy(Deployable verticle) {
        return vertx.deployVerticle(verticle, new DeploymentOptions()).mapEmpty();
    }

    /**
     * Deploys {@code verticles} as the instances of one deployment: Vert.x builds their contexts one after the other,
     * taking the event loops in turn, so up to the loop count no two share a loop. Deployed one by one, other contexts
     * created in between (clients, timers of earlier verticles) could put two shards or two feed parts on one loop
     * and leave another idle.
     */
    private Future<Void> deployOnDistinctLoops(List<Deployable> verticles) {
        Iterator<Deployable> next = verticles.iterator();
        return vertx.deployVerticle(next::next, new DeploymentOptions().setInstances(verticles.size()))
                .mapEmpty();
    }
}
