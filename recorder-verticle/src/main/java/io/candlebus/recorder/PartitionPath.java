package io.candlebus.recorder;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Names the hive-style partition directory of a candle, relative to the data directory:
 * {@code candles/exchange=binance/market=spot/symbol=BTCUSDT/interval=1m/date=2024-06-30}, where the date is
 * the UTC date of the candle's open time. The keys live only in the path, never as file columns: pyarrow's
 * hive discovery fails when a key is both.
 */
record PartitionPath(Instrument instrument, Interval interval, LocalDate date) {

    /** The dataset's directory under the data directory. */
    static final String DATASET = "candles";

    private static final long DAY_MILLIS = 86_400_000L;

    PartitionPath {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(date, "date");
    }

    static PartitionPath of(Candle candle) {
        // The UTC day by arithmetic: LocalDate.ofInstant builds the offset's zone rules on every call, and this
        // runs once per candle written.
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(candle.openTime(), DAY_MILLIS));
        return new PartitionPath(candle.instrument(), candle.interval(), date);
    }

    /** Returns whether {@code candle} belongs in this partition. */
    boolean holds(Candle candle) {
        // Checked for every candle written: compares in place rather than building the candle's partition.
        return candle.interval() == interval
                && Math.floorDiv(candle.openTime(), DAY_MILLIS) == date.toEpochDay()
                && candle.instrument().equals(instrument);
    }

    Path relativeDir() {
        return Path.of(
                DATASET,
                "exchange=" + instrument.exchange().wireName(),
                "market=" + instrument.market().wireName(),
                "symbol=" + instrument.symbol(),
                "interval=" + interval.code(),
                "date=" + date);
    }

    @Override
    public String toString() {
        return DATASET + "/exchange=" + instrument.exchange().wireName() + "/market="
                + instrument.market().wireName() + "/symbol=" + instrument.symbol() + "/interval=" + interval.code()
                + "/date=" + date;
    }
}
