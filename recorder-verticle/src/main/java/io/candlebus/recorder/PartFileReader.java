package io.candlebus.recorder;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;
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
 * Reads the rows of one part file the recorder wrote, row group by row group, without Hadoop on the class
 * path: compaction reads parts back through it, and so do the tools (replay, check, the soak's dataset check).
 */
public final class PartFileReader {
    private PartFileReader() {}

    /** Hands every row of {@code file} to {@code sink}, in file order. */
    public static void forEachRow(Path file, Consumer<Group> sink) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new ZstdDecompressors())
                .build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    sink.accept(records.read());
                }
            }
        }
    }

    /** Read-only zstd codecs: parquet-java's own factory would load Hadoop's compression classes. */
    private static final class ZstdDecompressors implements CompressionCodecFactory {
        @Override
        public BytesInputCompressor getCompressor(CompressionCodecName codec) {
            throw new UnsupportedOperationException("part files are read with this factory and written with another");
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
