package io.candlebus.launcher;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.util.Comparator;

/** Names one candle stream the soak checks: an instrument and an interval. */
record SoakStream(Instrument instrument, Interval interval) implements Comparable<SoakStream> {
    private static final Comparator<SoakStream> ORDER =
            Comparator.comparing(SoakStream::instrument).thenComparing(SoakStream::interval);

    static SoakStream of(Candle candle) {
        return new SoakStream(candle.instrument(), candle.interval());
    }

    @Override
    public int compareTo(SoakStream other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return instrument.key() + "/" + interval.code();
    }
}
