package io.candlebus.market.binance;

import io.candlebus.contract.Candle;
import io.candlebus.market.FeedSink;
import io.candlebus.market.venue.FeedCounters;
import java.util.function.BooleanSupplier;

/**
 * The seam of a Binance kline stream with its REST history: a stream's websocket klines are held back
 * until REST has published every closed kline before the first live one ({@link KlineFill}); after that,
 * a kline that opens more than one minute after the last closed one (a missed {@code x:true}, a
 * reconnect) is held back again until REST has filled the gap, and a closed kline of a minute already
 * published is dropped.
 */
final class KlineSeam implements KlineFill.Owner {
    private final FeedSink sink;
    private final FeedCounters.Counter klines;
    private final FeedCounters.Counter staleKlines;
    private final FeedCounters.Counter duplicateKlines;
    private final BooleanSupplier stopped;
    private KlineFill fill;

    KlineSeam(FeedSink sink, FeedCounters counters, BooleanSupplier stopped) {
        this.sink = sink;
        this.klines = counters.counter("klines");
        this.staleKlines = counters.counter("staleKlines");
        this.duplicateKlines = counters.counter("duplicateKlines");
        this.stopped = stopped;
    }

    /** Joins the REST fill whose published rows and held klines come back through this seam. */
    void use(KlineFill restFill) {
        this.fill = restFill;
    }

    /** A live kline of the connection carrying {@code s}. */
    void live(KlineStream s, Candle kline) {
        if (s.filling) {
            s.hold(kline);
            return;
        }
        if (s.coveredUntil == KlineStream.NONE || kline.openTime() > s.coveredUntil) {
            // History or a gap before this kline: publish it from REST first.
            s.hold(kline);
            fill.start(s, kline.openTime(), false);
            return;
        }
        deliver(s, kline);
    }

    /**
     * A kline from a rotation's replacement while the old connection still carries the stream: it is
     * published if it adds to what the old one delivered, but never opens a gap fill (the old one may just
     * be a little behind).
     */
    void shadow(KlineStream s, Candle kline) {
        if (!s.filling && s.coveredUntil != KlineStream.NONE && kline.openTime() <= s.coveredUntil) {
            deliver(s, kline);
        }
    }

    @Override
    public void deliver(KlineStream s, Candle kline) {
        if (kline.openTime() < s.coveredUntil) {
            // A closed kline of a published minute (from a second connection, or REST overlap) or a late
            // update of one: the minute is published once.
            if (kline.closed()) {
                duplicateKlines.inc();
            } else {
                staleKlines.inc();
            }
            return;
        }
        klines.inc();
        sink.kline(kline);
        if (kline.closed() && kline.endTime() > s.coveredUntil) {
            s.coveredUntil = kline.endTime();
        }
    }

    @Override
    public void replay(KlineStream s, Candle kline) {
        live(s, kline);
    }

    @Override
    public boolean stopped() {
        return stopped.getAsBoolean();
    }
}
