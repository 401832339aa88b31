package io.candlebus.recorder;

import com.github.luben.zstd.Zstd;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads a part file back into candles, every column as written by {@link CandleWriteSupport}, so compaction
 * rewrites rows unchanged: a double read back becomes the {@link BigDecimal} whose {@code doubleValue()} is
 * that same double. The partition's instrument and interval come from the path, as the file holds neither.
 */
final class CandleParquetReader {
    private CandleParquetReader() {}

    /** Returns the rows of {@code file} in file order. */
    static List<Candle> read(Path file, PartitionPath partition) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new ZstdDecompressors())
                .build();
        List<Candle> out = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    out.add(candle(records.read(), partition));
                }
            }
        }
        return out;
    }

    private static Candle candle(Group g, PartitionPath partition) {
        return new Candle(
                partition.instrument(),
                partition.interval(),
                g.getLong("candle_begin_time", 0),
                decimal(g, "open"),
                decimal(g, "high"),
                decimal(g, "low"),
                decimal(g, "close"),
                decimal(g, "volume"),
                decimal(g, "quote_volume"),
                g.getLong("trade_num", 0),
                decimal(g, "taker_buy_base_asset_volume"),
                decimal(g, "taker_buy_quote_asset_volume"),
                true,
                CandleSource.valueOf(g.getString(CandleWriteSupport.SOURCE, 0).toUpperCase(Locale.ROOT)));
    }

    private static BigDecimal decimal(Group g, String column) {
        return BigDecimal.valueOf(g.getDouble(column, 0));
    }

    /** Read-only zstd codecs: parquet-java's own factory would load Hadoop's compression classes. */
    private static final class ZstdDecompressors implements CompressionCodecFactory {
        @Override
        public BytesInputCompressor getCompressor(CompressionCodecName codec) {
            throw new UnsupportedOperationException("compaction reads with this factory, it writes with another");
        }

        @Override
        public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
            if (codec != CompressionCodecName.ZSTD && codec != CompressionCodecName.UNCOMPRESSED) {
                throw new IllegalArgumentException(
                        "part file: expected ZSTD or uncompressed pages (as the recorder writes), was " + codec);
            }
            boolean zstd = codec == CompressionCodecName.ZSTD;
            return new BytesInputDecompressor() {
                @Override
                public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                    return zstd
                            ? BytesInput.from(
                                    Zstd.decompress(bytes.toInputStream().readAllBytes(), uncompressedSize))
                            : bytes;
                }

                @Override
                public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                        throws IOException {
                    byte[] in = new byte[compressedSize];
                    input.get(in);
                    output.put(zstd ? Zstd.decompress(in, uncompressedSize) : in);
                }

                @Override
                public void release() {}
            };
        }

        @Override
        public void release() {}
    }
}
