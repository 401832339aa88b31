package io.candlebus.order.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.KillSwitchState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillSwitchFileTest {

    @Test
    void aTrippedStateIsKeptUntilDeleted(@TempDir Path dir) throws Exception {
        Path journalDir = dir.resolve("orders");
        assertThat(KillSwitchFile.read(journalDir, 1)).isEmpty();
        KillSwitchState tripped = new KillSwitchState(true, "POST /orders/kill: halt", 42);
        KillSwitchFile.write(journalDir, tripped);
        assertThat(KillSwitchFile.read(journalDir, 99)).contains(tripped);
        assertThat(journalDir.resolve(KillSwitchFile.FILE_NAME + ".tmp")).doesNotExist();
        KillSwitchFile.delete(journalDir);
        assertThat(KillSwitchFile.read(journalDir, 99)).isEmpty();
        KillSwitchFile.delete(journalDir);
    }

    @Test
    void anUnreadableFileKeepsTheSwitchTripped(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(KillSwitchFile.FILE_NAME), "{\"tripped\":tr");
        assertThat(KillSwitchFile.read(dir, 7)).hasValueSatisfying(s -> {
            assertThat(s.tripped()).isTrue();
            assertThat(s.reason()).contains("kill-switch.json is unreadable");
            assertThat(s.since()).isEqualTo(7);
        });
    }
}
