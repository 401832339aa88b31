package io.candlebus.market.candle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardSpoolsTest {
    @Test
    void anOlderSingleSpoolAndDroppedShardsMoveToShardZero(@TempDir Path outbox) throws Exception {
        Files.writeString(outbox.resolve("pending-1-aaaa.jsonl"), "{}\n");
        Files.writeString(outbox.resolve("claimed-x-pending-2-bbbb.jsonl"), "{}\n");
        Files.writeString(outbox.resolve(".pending-3-cccc.jsonl.tmp"), "half");
        Files.createDirectories(ShardSpools.dir(outbox, 1));
        Files.writeString(ShardSpools.dir(outbox, 1).resolve("pending-4-dddd.jsonl"), "{}\n");
        Files.createDirectories(ShardSpools.dir(outbox, 5));
        Files.writeString(ShardSpools.dir(outbox, 5).resolve("pending-5-eeee.jsonl"), "{}\n");

        assertThat(ShardSpools.migrate(outbox, 4)).isEqualTo(3);

        Path zero = ShardSpools.dir(outbox, 0);
        assertThat(zero.resolve("pending-1-aaaa.jsonl")).exists();
        assertThat(zero.resolve("claimed-x-pending-2-bbbb.jsonl")).exists();
        assertThat(zero.resolve("pending-5-eeee.jsonl")).exists();
        assertThat(ShardSpools.dir(outbox, 1).resolve("pending-4-dddd.jsonl"))
                .as("a shard that still runs keeps its own")
                .exists();
        assertThat(outbox.resolve(".pending-3-cccc.jsonl.tmp"))
                .as("half-written files are not candles")
                .exists();
    }

    @Test
    void noOutboxDirectoryIsNothingToMove(@TempDir Path dir) throws Exception {
        assertThat(ShardSpools.migrate(dir.resolve("absent"), 2)).isZero();
    }
}
