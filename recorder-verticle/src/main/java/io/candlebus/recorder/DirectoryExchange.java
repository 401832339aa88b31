package io.candlebus.recorder;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Swaps two directories atomically with Linux's {@code renameat2(RENAME_EXCHANGE)}: at every instant each
 * path names one complete directory, the old or the new. Plain {@code rename(2)} cannot replace a non-empty
 * directory, and a symbolic link is no way out: DuckDB's {@code **} glob does not descend into linked
 * directories. The JDK has no binding for it, so it is called through JNA. Needs Linux 3.15+ and a file
 * system that supports the flag (ext4, xfs, btrfs, tmpfs do; NFS does not): {@link #supported(Path)} tells.
 */
final class DirectoryExchange {
    private static final int AT_FDCWD = -100;
    private static final int RENAME_EXCHANGE = 2;

    private DirectoryExchange() {}

    /** The C library's {@code renameat2} (glibc 2.28+). */
    private interface LibC extends Library {
        int renameat2(int olddirfd, String oldpath, int newdirfd, String newpath, int flags) throws LastErrorException;
    }

    /** Loaded on first use, so a platform without it fails only when compaction runs, with a clear error. */
    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    /** Swaps the directories {@code a} and {@code b} (both must exist, on one file system); blocking. */
    static void exchange(Path a, Path b) throws IOException {
        try {
            Holder.LIBC.renameat2(
                    AT_FDCWD,
                    a.toAbsolutePath().toString(),
                    AT_FDCWD,
                    b.toAbsolutePath().toString(),
                    RENAME_EXCHANGE);
        } catch (LastErrorException e) {
            throw new IOException(
                    "renameat2(RENAME_EXCHANGE) " + a + " <-> " + b + ": expected an atomic swap, was errno "
                            + e.getErrorCode() + " (" + e.getMessage() + ")",
                    e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IOException("renameat2(RENAME_EXCHANGE): expected Linux with glibc 2.28 or later, was " + e, e);
        }
    }
}
