package io.candlebus.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

class ZstdCodecFactoryTest {

    @Test
    void compressesToStandardZstdFrames() throws IOException {
        ZstdCodecFactory factory = new ZstdCodecFactory();
        byte[] page = "61607.9,61624.9,61605.3,".repeat(200).getBytes(StandardCharsets.US_ASCII);

        BytesInput compressed = factory.getCompressor(CompressionCodecName.ZSTD).compress(BytesInput.from(page));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        compressed.writeAllTo(out);
        assertThat(out.size()).isLessThan(page.length / 10);
        assertThat(Zstd.decompress(out.toByteArray(), page.length)).isEqualTo(page);
        factory.release();
    }

    @Test
    void sharesOneContextPerLevelAndFreesThemOnRelease() {
        ZstdCodecFactory factory = new ZstdCodecFactory();
        BytesInputCompressor a = factory.getCompressor(CompressionCodecName.ZSTD);
        BytesInputCompressor b = factory.getCompressor(CompressionCodecName.ZSTD);
        factory.getCompressor(CompressionCodecName.ZSTD, 1);
        a.release();
        b.release();
        assertThat(factory.openContexts()).isEqualTo(2);

        factory.release();

        assertThat(factory.openContexts()).isZero();
    }

    @Test
    void refusesOtherCodecsAndDecompression() {
        ZstdCodecFactory factory = new ZstdCodecFactory();

        assertThatThrownBy(() -> factory.getCompressor(CompressionCodecName.SNAPPY))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("compression: expected ZSTD, was SNAPPY");
        assertThatThrownBy(() -> factory.getDecompressor(CompressionCodecName.ZSTD))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
