package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.FeedEvent;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.contract.TradeBatch;
import io.candlebus.contract.codec.Codecs;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link FeedEventSink} over a real event bus: the trades of one loop turn reach each shard as one {@link
 * FeedEvent.Trades} and {@code market.trades} as one {@link TradeBatch}, and every shard receives its events numbered 0, 1, 2, ... in the order the feed produced them,
 * whatever other events come between trades.
 */
@ExtendWith(VertxExtension.class)
class FeedEventSinkTest {
    private static final String FEED = "bithumb.spot";
    private static final int SHARDS = 2;
    private static final List<Instrument> CODES = List.of(
            Instrument.parse("bithumb:spot:KRW-BTC"),
            Instrument.parse("bithumb:spot:KRW-ETH"),
            Instrument.parse("bithumb:spot:KRW-XRP"),
            Instrument.parse("bithumb:spot:KRW-SOL"));

    @Test
    void eachShardGetsItsEventsNumberedInTheFeedsOrderWithOneTradesEventPerTurn(Vertx vertx, VertxTestContext test)
            throws Exception {
        Codecs.registerAll(vertx.eventBus());
        List<List<FeedEvent>> received = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            List<FeedEvent> mine = new ArrayList<>();
            received.add(mine);
            vertx.eventBus().<FeedEvent>consumer(Addresses.marketFeed(FEED, shard), m -> {
                synchronized (mine) {
                    mine.add(m.body());
                }
            });
        }
        List<TradeBatch> published = new ArrayList<>();
        vertx.eventBus().<TradeBatch>consumer(Addresses.MARKET_TRADES, m -> {
            synchronized (published) {
                published.add(m.body());
            }
        });
        Context feedLoop = vertx.getOrCreateContext();
        FeedEventSink sink = new FeedEventSink(vertx.eventBus(), feedLoop, FEED, 9L, SHARDS);
        int turns = 50;
        long[] id = {0};
        for (int turn = 0; turn < turns; turn++) {
            int t = turn;
            feedLoop.runOnContext(v -> {
                for (int k = 0; k < 8; k++) {
                    sink.trade(trade(CODES.get(k % CODES.size()), ++id[0]));
                    if (t % 3 == 0 && k == 4) {
                        // Another event in the middle of a turn's trades: it must come after the trades before it.
                        sink.alive(1_000L * t, 1_000L * t);
                    }
                }
            });
        }
        feedLoop.runOnContext(v -> sink.alive(Long.MAX_VALUE / 2, 0));

        long expectedTrades = turns * 8L;
        await().atMost(Duration.ofSeconds(20)).until(() -> tradesIn(received) >= expectedTrades);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            synchronized (published) {
                return published.stream().mapToInt(b -> b.trades().size()).sum() >= expectedTrades;
            }
        });
        test.verify(() -> {
            assertThat(tradesIn(received)).isEqualTo(expectedTrades);
            long lastId = 0;
            for (int shard = 0; shard < SHARDS; shard++) {
                List<FeedEvent> mine;
                synchronized (received.get(shard)) {
                    mine = List.copyOf(received.get(shard));
                }
                long prevId = 0;
                for (int i = 0; i < mine.size(); i++) {
                    FeedEvent e = mine.get(i);
                    assertThat(e.seq()).as("shard %d event %d", shard, i).isEqualTo(i);
                    assertThat(e.epoch()).isEqualTo(9L);
                    if (e instanceof FeedEvent.Trades batch) {
                        for (Trade tr : batch.trades()) {
                            assertThat(FeedShards.shardOf(tr.instrument(), SHARDS))
                                    .isEqualTo(shard);
                            assertThat(tr.tradeId())
                                    .as("trade order in shard %d", shard)
                                    .isGreaterThan(prevId);
                            prevId = tr.tradeId();
                        }
                    }
                }
                assertThat(prevId).as("shard %d got trades", shard).isPositive();
                lastId = Math.max(lastId, prevId);
                // Fewer Trades events than turns plus the mid-turn alives: a turn's trades travel together.
                long batches =
                        mine.stream().filter(e -> e instanceof FeedEvent.Trades).count();
                assertThat(batches).isLessThanOrEqualTo(turns + turns / 3 + 1);
            }
            assertThat(lastId).isGreaterThan(expectedTrades - CODES.size());
            synchronized (published) {
                // market.trades: every trade once, in the feed's order, at most one batch per turn of the feed's loop
                // (the flush queued at a turn's first trade runs after the turns already queued).
                assertThat(published).hasSizeBetween(1, turns);
                assertThat(published.stream()
                                .flatMap(b -> b.trades().stream())
                                .mapToLong(Trade::tradeId)
                                .toArray())
                        .containsExactly(
                                LongStream.rangeClosed(1, expectedTrades).toArray());
            }
            test.completeNow();
        });
    }

    @Test
    void aTurnOfManyTradesIsSentInBatchesOfAtMostTheCap(Vertx vertx, VertxTestContext test) {
        Codecs.registerAll(vertx.eventBus());
        List<Integer> sizes = new ArrayList<>();
        vertx.eventBus().<TradeBatch>consumer(Addresses.MARKET_TRADES, m -> {
            synchronized (sizes) {
                sizes.add(m.body().trades().size());
            }
        });
        Context feedLoop = vertx.getOrCreateContext();
        FeedEventSink sink = new FeedEventSink(vertx.eventBus(), feedLoop, FEED, 3L, 1);
        int trades = 2 * FeedEventSink.MAX_BATCH + 76;
        feedLoop.runOnContext(v -> {
            for (int k = 1; k <= trades; k++) {
                sink.trade(trade(CODES.get(0), k));
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            synchronized (sizes) {
                return sizes.stream().mapToInt(Integer::intValue).sum() >= trades;
            }
        });
        test.verify(() -> {
            synchronized (sizes) {
                assertThat(sizes).containsExactly(FeedEventSink.MAX_BATCH, FeedEventSink.MAX_BATCH, 76);
            }
            test.completeNow();
        });
    }

    private static long tradesIn(List<List<FeedEvent>> received) {
        long n = 0;
        for (List<FeedEvent> mine : received) {
            synchronized (mine) {
                for (FeedEvent e : mine) {
                    if (e instanceof FeedEvent.Trades t) {
                        n += t.trades().size();
                    }
                }
            }
        }
        return n;
    }

    private static Trade trade(Instrument instrument, long id) {
        return new Trade(instrument, BigDecimal.TEN, BigDecimal.ONE, 1_700_000_000_000L + id, Side.BUY, id);
    }
}
