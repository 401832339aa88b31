package io.candlebus.market.lease;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Counter;

/**
 * Feed leases in the cluster's shared data: the async map {@code candlebus.feed.leases} (with the Hazelcast cluster
 * manager an {@code IMap}: create is {@code putIfAbsent} with a TTL, write is {@code set} with a TTL, remove is
 * {@code remove(key, value)}; an entry past its TTL reads as absent, and entries survive the loss of one member
 * through their backup) and one counter per lease, {@code candlebus.feed.epoch.<name>} (vertx-hazelcast keeps
 * counters in an {@code IMap} too). The map has no conditional write with a TTL, which is why a renewal reads
 * before it writes and the holder steps down on its own deadline ({@link FeedLease}).
 */
public final class ClusterLeaseStore implements LeaseStore {
    /** The shared map of lease entries. */
    public static final String MAP = "candlebus.feed.leases";
    /** The prefix of each lease's epoch counter. */
    public static final String EPOCH_PREFIX = "candlebus.feed.epoch.";

    private final Vertx vertx;
    private Future<AsyncMap<String, String>> map;

    public ClusterLeaseStore(Vertx vertx) {
        this.vertx = vertx;
    }

    private Future<AsyncMap<String, String>> map() {
        if (map == null || map.failed()) {
            map = vertx.sharedData().getAsyncMap(MAP);
        }
        return map;
    }

    @Override
    public Future<LeaseRecord> read(String name) {
        return map().compose(m -> m.get(name)).map(LeaseRecord::decode);
    }

    @Override
    public Future<Long> nextEpoch(String name) {
        return vertx.sharedData().getCounter(EPOCH_PREFIX + name).compose(Counter::incrementAndGet);
    }

    @Override
    public Future<Boolean> create(String name, LeaseRecord record, long ttlMillis) {
        return map().compose(m -> m.putIfAbsent(name, record.encode(), ttlMillis))
                .map(previous -> previous == null);
    }

    @Override
    public Future<Void> write(String name, LeaseRecord record, long ttlMillis) {
        return map().compose(m -> m.put(name, record.encode(), ttlMillis));
    }

    @Override
    public Future<Boolean> remove(String name, LeaseRecord record) {
        return map().compose(m -> m.removeIfPresent(name, record.encode()));
    }
}
