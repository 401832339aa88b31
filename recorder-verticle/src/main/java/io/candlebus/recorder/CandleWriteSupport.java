package io.candlebus.recorder;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * Turns a {@link Candle} into one Parquet row with the Python recorder's column names. Every column is
 * required; {@code candle_begin_time} is the open time and {@code candle_end_time} the open time of the next
 * candle (open time + interval), both {@code TIMESTAMP(MILLIS, UTC)}; decimals become doubles via
 * {@code BigDecimal.doubleValue()}, the nearest double, which prints back as the exchange's decimal.
 */
final class CandleWriteSupport extends WriteSupport<Candle> {

    static final String SOURCE = "source";

    /** Column names in file order. */
    static final List<String> COLUMNS = List.of(
            "candle_begin_time",
            "open",
            "high",
            "low",
            "close",
            "volume",
            "quote_volume",
            "trade_num",
            "taker_buy_base_asset_volume",
            "taker_buy_quote_asset_volume",
            "candle_end_time",
            SOURCE);

    static final MessageType SCHEMA = Types.buildMessage()
            .required(INT64)
            .as(timestampType(true, TimeUnit.MILLIS))
            .named(COLUMNS.get(0))
            .required(DOUBLE)
            .named(COLUMNS.get(1))
            .required(DOUBLE)
            .named(COLUMNS.get(2))
            .required(DOUBLE)
            .named(COLUMNS.get(3))
            .required(DOUBLE)
            .named(COLUMNS.get(4))
            .required(DOUBLE)
            .named(COLUMNS.get(5))
            .required(DOUBLE)
            .named(COLUMNS.get(6))
            .required(INT64)
            .named(COLUMNS.get(7))
            .required(DOUBLE)
            .named(COLUMNS.get(8))
            .required(DOUBLE)
            .named(COLUMNS.get(9))
            .required(INT64)
            .as(timestampType(true, TimeUnit.MILLIS))
            .named(COLUMNS.get(10))
            .required(BINARY)
            .as(stringType())
            .named(COLUMNS.get(11))
            .named("candle");

    private static final Binary[] SOURCES = sourceNames();

    private RecordConsumer consumer;

    /** Returns the {@code source} column's value: the source's name in lower case. */
    static String sourceName(CandleSource source) {
        return source.name().toLowerCase(Locale.ROOT);
    }

    private static Binary[] sourceNames() {
        CandleSource[] all = CandleSource.values();
        Binary[] names = new Binary[all.length];
        for (CandleSource s : all) {
            names[s.ordinal()] = Binary.fromString(sourceName(s));
        }
        return names;
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(SCHEMA, Map.of());
    }

    /** Required by the abstract class; parquet calls the {@link ParquetConfiguration} variant here. */
    @Override
    @SuppressWarnings("deprecation") // abstract in WriteSupport, so it must be implemented
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return new WriteContext(SCHEMA, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Candle c) {
        consumer.startMessage();
        int i = 0;
        writeLong(i++, c.openTime());
        writeDouble(i++, c.open().doubleValue());
        writeDouble(i++, c.high().doubleValue());
        writeDouble(i++, c.low().doubleValue());
        writeDouble(i++, c.close().doubleValue());
        writeDouble(i++, c.volume().doubleValue());
        writeDouble(i++, c.quoteVolume().doubleValue());
        writeLong(i++, c.tradeCount());
        writeDouble(i++, c.takerBuyBaseVolume().doubleValue());
        writeDouble(i++, c.takerBuyQuoteVolume().doubleValue());
        writeLong(i++, c.endTime());
        consumer.startField(SOURCE, i);
        consumer.addBinary(SOURCES[c.source().ordinal()]);
        consumer.endField(SOURCE, i);
        consumer.endMessage();
    }

    private void writeLong(int index, long value) {
        String name = COLUMNS.get(index);
        consumer.startField(name, index);
        consumer.addLong(value);
        consumer.endField(name, index);
    }

    private void writeDouble(int index, double value) {
        String name = COLUMNS.get(index);
        consumer.startField(name, index);
        consumer.addDouble(value);
        consumer.endField(name, index);
    }
}
