package io.candlebus.launcher;

import io.candlebus.market.FeedVerticle;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands messages to the feed verticle whose connection carries their code, as the venue's websocket would: one
 * task per feed per batch on that feed's event loop, which first moves the part's clock to the batch's first trade time
 * and copies each held message into a fresh array there (a websocket reads each frame into a fresh buffer on the
 * loop). A message naming no code goes to the first feed.
 */
final class BenchHandout {
    private final List<FeedVerticle> feeds;
    private final int[] partOfCode;
    private final BenchStream stream;
    private final BenchClock clock;
    private final List<List<byte[]>> frames = new ArrayList<>();
    private final long[] firstTime;
    private final boolean copy;

    BenchHandout(List<FeedVerticle> feeds, int[] partOfCode, BenchStream stream, BenchClock clock, boolean copy) {
        this.copy = copy;
        this.feeds = feeds;
        this.partOfCode = partOfCode;
        this.stream = stream;
        this.clock = clock;
        this.firstTime = new long[feeds.size()];
        for (int p = 0; p < feeds.size(); p++) {
            frames.add(new ArrayList<>(BenchRun.BATCH));
        }
    }

    void add(int message, byte[] frame) {
        int c = stream.code(message);
        int p = c < 0 ? 0 : partOfCode[c];
        List<byte[]> mine = frames.get(p);
        if (mine.isEmpty()) {
            firstTime[p] = stream.time(message);
        }
        mine.add(frame);
    }

    void send() {
        for (int p = 0; p < feeds.size(); p++) {
            List<byte[]> mine = frames.get(p);
            if (mine.isEmpty()) {
                continue;
            }
            byte[][] batch = mine.toArray(new byte[0][]);
            mine.clear();
            long time = firstTime[p];
            FeedVerticle feed = feeds.get(p);
            boolean fresh = !copy;
            BenchClock.Part partClock = clock.part(p);
            feed.context().runOnContext(v -> {
                if (time != Long.MIN_VALUE) {
                    partClock.advance(time);
                }
                for (byte[] frame : batch) {
                    feed.onFrame(fresh ? frame : frame.clone());
                }
            });
        }
    }
}
