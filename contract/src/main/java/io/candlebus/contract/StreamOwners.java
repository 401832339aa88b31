package io.candlebus.contract;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The owner rule: each stream (exchange, market, symbol, interval) belongs to exactly one of the live recorders,
 * the one with the highest rendezvous score of (recorder, stream). Every sender computes it alone from the same
 * set of live recorders, with no coordination; a recorder joining takes about 1/n of the streams and a recorder
 * leaving gives only its own away, spread over the others, so ownership moves no more than it must.
 */
public final class StreamOwners {
    private StreamOwners() {}

    /** Returns the stream key of {@code candle}: {@code exchange:market:symbol/interval}. */
    public static String streamKey(Candle candle) {
        return streamKey(candle.instrument(), candle.interval());
    }

    /** Returns the stream key of {@code instrument} at {@code interval}: {@code exchange:market:symbol/interval}. */
    public static String streamKey(Instrument instrument, Interval interval) {
        return instrument.key() + "/" + interval.code();
    }

    /** Returns the owner of {@code stream} among {@code recorders}, or null if there is none. */
    public static String ownerOf(String stream, Collection<String> recorders) {
        String best = null;
        long bestScore = 0;
        for (String recorder : recorders) {
            long score = score(recorder, stream);
            // Ties (practically never) go to the smaller id, so every sender picks the same one.
            if (best == null
                    || Long.compareUnsigned(score, bestScore) > 0
                    || (score == bestScore && recorder.compareTo(best) < 0)) {
                best = recorder;
                bestScore = score;
            }
        }
        return best;
    }

    /** FNV-1a over both names, finished by the SplitMix64 mixer so scores are spread over all 64 bits. */
    static long score(String recorder, String stream) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, recorder.getBytes(StandardCharsets.UTF_8));
        h = (h ^ 0x1f) * 0x100000001b3L;
        h = fnv(h, stream.getBytes(StandardCharsets.UTF_8));
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    private static long fnv(long h, byte[] bytes) {
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
