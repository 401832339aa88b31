package io.candlebus.recorder;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;

/**
 * Grow-only byte arrays a writer reuses for every page it compresses, file after file: a page is copied into
 * {@code input} and compressed into {@code output}, and only the compressed bytes are copied out. Without it
 * each page cost three arrays the size of the raw page (a copy, a second copy and the compressor's output),
 * a third of all the recorder's allocation. Not thread-safe: one per writer lane.
 */
final class CompressScratch {
    private byte[] input = new byte[0];
    private byte[] output = new byte[0];

    /** Returns {@code page} compressed by {@code context} into a standard zstd frame. */
    BytesInput compress(ZstdCompressCtx context, BytesInput page) throws IOException {
        int size = Math.toIntExact(page.size());
        if (input.length < size) {
            input = new byte[size];
        }
        Filler filler = new Filler(input);
        page.writeAllTo(filler);
        if (filler.count != size) {
            throw new IOException("page: expected " + size + " bytes, was " + filler.count);
        }
        int bound = Math.toIntExact(Zstd.compressBound(size));
        if (output.length < bound) {
            output = new byte[bound];
        }
        int compressed = context.compressByteArray(output, 0, output.length, input, 0, size);
        // Parquet keeps the page until the row group is written: it must own its bytes.
        return BytesInput.from(Arrays.copyOf(output, compressed));
    }

    /** Writes into a given array that is large enough. */
    private static final class Filler extends OutputStream {
        private final byte[] target;
        private int count;

        Filler(byte[] target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            room(1);
            target[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            room(len);
            System.arraycopy(b, off, target, count, len);
            count += len;
        }

        private void room(int len) throws IOException {
            if (len > target.length - count) {
                throw new IOException("page: expected at most " + target.length + " bytes, was more");
            }
        }
    }
}
