package io.candlebus.order.journal;

import io.candlebus.contract.KillSwitchState;
import io.candlebus.contract.codec.ContractJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Keeps a tripped kill switch across restarts in live mode: {@code <journalDir>/kill-switch.json} holds its
 * state while tripped and is deleted when it is cleared, so only the token-guarded clear re-arms it. Written
 * to a temporary file, forced, then moved into place. An unreadable file counts as tripped: stopping
 * trading is the safe reading. Blocking: call it through {@code executeBlocking}.
 */
public final class KillSwitchFile {
    /** The file's name inside the journal directory. */
    public static final String FILE_NAME = "kill-switch.json";

    private KillSwitchFile() {}

    /** Returns the tripped state kept in {@code dir}, if any. */
    public static Optional<KillSwitchState> read(Path dir, long now) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            KillSwitchState state = ContractJson.fromJson(Files.readString(file), KillSwitchState.class);
            return state.tripped() ? Optional.of(state) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(new KillSwitchState(
                    true,
                    file + " is unreadable, so the switch stays tripped ("
                            + e.getClass().getSimpleName() + ")",
                    now));
        }
    }

    /** Keeps {@code state} (tripped) in {@code dir}, durably. */
    public static void write(Path dir, KillSwitchState state) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(ContractJson.toJson(state).getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Forgets the kept state (the switch was cleared). */
    public static void delete(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE_NAME));
    }
}
