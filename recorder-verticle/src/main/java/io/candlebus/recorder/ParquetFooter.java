package io.candlebus.recorder;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;

/**
 * Reads the key-value metadata of a Parquet file's footer. Reading through parquet-java's
 * {@code ParquetFileReader} needs Hadoop classes at run time in 1.18.1; the footer alone is a Thrift
 * structure that parquet-format-structures decodes without them.
 */
final class ParquetFooter {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** Footers of candle files are a few KB; anything this large is not one of ours. */
    private static final int MAX_FOOTER_BYTES = 64 << 20;

    private ParquetFooter() {}

    static Map<String, String> keyValueMetadata(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 2L * MAGIC.length + 4) {
                throw new IOException(file + ": expected a Parquet file, was " + size + " bytes long");
            }
            ByteBuffer tail = read(channel, size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
            int footerLength = tail.getInt(0);
            for (int i = 0; i < MAGIC.length; i++) {
                if (tail.get(4 + i) != MAGIC[i]) {
                    throw new IOException(file + ": expected the Parquet magic PAR1 at the end, was other bytes");
                }
            }
            if (footerLength <= 0 || footerLength > MAX_FOOTER_BYTES || footerLength > size - 12) {
                throw new IOException(file + ": expected a footer length within the file, was " + footerLength);
            }
            ByteBuffer footer = read(channel, size - 8 - footerLength, footerLength);
            FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
            Map<String, String> result = new HashMap<>();
            if (metadata.getKey_value_metadata() != null) {
                for (KeyValue kv : metadata.getKey_value_metadata()) {
                    result.put(kv.getKey(), kv.getValue());
                }
            }
            return result;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new EOFException("expected " + length + " bytes at " + position + ", was end of file");
            }
        }
        return buffer;
    }
}
