package io.candlebus.recorder;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serialises the listing and writing of one stream among every recorder on the data directory, whatever sends
 * them its candles: an advisory lock ({@code fcntl}) on {@code <data>/.locks/<exchange>/<market>/<symbol>/.<interval>.lock}
 * held from listing a partition until its new file is renamed, so a second recorder lists after the first one's
 * rename and skips those keys. It covers two senders of one stream routing it to two recorders for a moment
 * (a live market and a backfill while an owner changes) and recorders of separate clusters on one directory.
 * The operating system releases the lock of a killed process. Lock files live outside {@code candles/}
 * (readers glob {@code candles/**}) under hidden names, and are never removed: one small file per stream. A JVM may hold a file's
 * lock once, so the recorders of one JVM first take a JVM-wide lock per file. Where file locks do not work (a
 * network filesystem without them), it warns once and goes on with the JVM-wide lock only.
 */
final class StreamFileLocks {
    /** The lock files' directory under the data directory. */
    static final String DIR = ".locks";

    private static final Logger log = LoggerFactory.getLogger(StreamFileLocks.class);
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
    private static volatile boolean warned;

    private final Path dataDir;

    StreamFileLocks(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** A held stream lock; closing releases it. */
    static final class Held implements AutoCloseable {
        private final ReentrantLock jvm;
        private final FileChannel channel;

        private Held(ReentrantLock jvm, FileChannel channel) {
            this.jvm = jvm;
            this.channel = channel;
        }

        @Override
        public void close() {
            try {
                if (channel != null) {
                    // Closing the channel releases its lock.
                    channel.close();
                }
            } catch (IOException e) {
                log.debug("stream lock: expected the lock file closed, was {}", e.toString());
            } finally {
                jvm.unlock();
            }
        }
    }

    /** Blocks until this thread holds the lock of {@code partition}'s stream. */
    Held lock(PartitionPath partition) {
        Path file = dataDir.resolve(DIR)
                .resolve(partition.instrument().exchange().wireName())
                .resolve(partition.instrument().market().wireName())
                .resolve(partition.instrument().symbol())
                .resolve("." + partition.interval().code() + ".lock")
                .toAbsolutePath()
                .normalize();
        ReentrantLock jvm = IN_JVM.computeIfAbsent(file, f -> new ReentrantLock());
        jvm.lock();
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock();
            return new Held(jvm, channel);
        } catch (IOException | UnsupportedOperationException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            if (!warned) {
                warned = true;
                log.warn(
                        "{}: expected a file lock, was {}; recorders of other processes on this directory are then"
                                + " kept apart by the owner rule only",
                        file,
                        e.toString());
            }
            return new Held(jvm, null);
        } catch (RuntimeException | Error e) {
            jvm.unlock();
            throw e;
        }
    }
}
