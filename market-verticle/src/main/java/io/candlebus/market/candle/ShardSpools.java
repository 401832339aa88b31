package io.candlebus.market.candle;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lays out the outbox spool of each candle shard: {@code <outboxDir>/shard-<n>}. Before the shards start, {@link
 * #migrate} moves into shard 0's directory what no running shard would read: the files of the single spool of
 * earlier versions (directly in {@code outboxDir}) and those of shards a smaller shard count no longer has. Any
 * shard may send any candle (the outbox routes by stream owner), so shard 0 re-sends them. Blocking.
 */
public final class ShardSpools {
    private static final Pattern SHARD = Pattern.compile("shard-(\\d+)");

    private ShardSpools() {}

    /** Returns the spool directory of {@code shard}. */
    public static Path dir(Path outboxDir, int shard) {
        return outboxDir.resolve("shard-" + shard);
    }

    /** Moves stray spool files into shard 0's directory; returns how many were moved. */
    public static int migrate(Path outboxDir, int shards) throws IOException {
        if (!Files.isDirectory(outboxDir)) {
            return 0;
        }
        Path target = dir(outboxDir, 0);
        List<Path> sources = new ArrayList<>();
        sources.add(outboxDir);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(outboxDir, Files::isDirectory)) {
            for (Path d : dirs) {
                Matcher m = SHARD.matcher(d.getFileName().toString());
                if (m.matches() && Integer.parseInt(m.group(1)) >= shards) {
                    sources.add(d);
                }
            }
        }
        int moved = 0;
        for (Path source : sources) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(source, "*.jsonl")) {
                for (Path f : files) {
                    if (!Files.isRegularFile(f)) {
                        continue;
                    }
                    Files.createDirectories(target);
                    Files.move(f, target.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                    moved++;
                }
            }
        }
        return moved;
    }
}
