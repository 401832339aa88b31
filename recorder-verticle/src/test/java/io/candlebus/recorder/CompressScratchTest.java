package io.candlebus.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.bytes.BytesInput;
import org.junit.jupiter.api.Test;

class CompressScratchTest {

    @Test
    void reusedBuffersGiveEachPageItsOwnCompleteFrame() throws IOException {
        CompressScratch scratch = new CompressScratch();
        byte[] large = "61607.9,61624.9,61605.3,".repeat(400).getBytes(StandardCharsets.US_ASCII);
        byte[] small = "16.710,418,".repeat(20).getBytes(StandardCharsets.US_ASCII);
        try (ZstdCompressCtx context = new ZstdCompressCtx().setLevel(ZstdCodecFactory.DEFAULT_LEVEL)) {
            // Large first, so the small page is compressed from buffers still holding the large one's bytes.
            BytesInput first = scratch.compress(context, BytesInput.from(large));
            BytesInput second =
                    scratch.compress(context, BytesInput.concat(BytesInput.from(small), BytesInput.from(small)));
            BytesInput third = scratch.compress(context, BytesInput.from(large));

            assertThat(Zstd.decompress(bytes(first), large.length)).isEqualTo(large);
            byte[] twice = new byte[2 * small.length];
            System.arraycopy(small, 0, twice, 0, small.length);
            System.arraycopy(small, 0, twice, small.length, small.length);
            assertThat(Zstd.decompress(bytes(second), twice.length)).isEqualTo(twice);
            assertThat(bytes(third)).isEqualTo(bytes(first));
        }
    }

    private static byte[] bytes(BytesInput input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        input.writeAllTo(out);
        return out.toByteArray();
    }
}
