package io.candlebus.market.candle;

import io.candlebus.contract.Candle;
import io.candlebus.contract.codec.ContractJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Keeps closed candles that no recorder has acknowledged in JSON-lines files (one {@link Candle} in its wire
 * JSON per line) under one directory, so a stop does not lose them: {@link #keep} writes
 * {@code pending-<millis>-<id>.jsonl} (through a hidden temporary file, synced and renamed, so a reader never
 * sees half a file), {@link #claim} takes every kept file at the next start by renaming it to
 * {@code claimed-<owner>-...} and reads it, and {@link #release} deletes claimed files once their candles are
 * acknowledged or kept again. A claimed file left by a process that died is claimed again: re-sending a candle
 * twice is harmless, as the recorder skips keys it has recorded. Blocking: call off the event loop.
 */
public final class OutboxSpool {
    private static final String PENDING = "pending-";
    private static final String CLAIMED = "claimed-";
    private static final String SUFFIX = ".jsonl";

    private final Path dir;
    private final String owner = UUID.randomUUID().toString().substring(0, 8);

    /** What {@link #claim} found: the candles, the files now claimed, and lines that were not a candle. */
    public record Claimed(List<Candle> candles, List<Path> files, long badLines) {}

    public OutboxSpool(Path dir) {
        this.dir = dir;
    }

    /** Returns the directory the files live in. */
    public Path dir() {
        return dir;
    }

    /** Claims every kept file in the directory (none if it does not exist) and reads their candles. */
    public Claimed claim() throws IOException {
        List<Candle> candles = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        long bad = 0;
        if (!Files.isDirectory(dir)) {
            return new Claimed(candles, files, 0);
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (name.startsWith(PENDING) || (name.startsWith(CLAIMED) && !name.startsWith(CLAIMED + owner))) {
                    found.add(p);
                }
            }
        }
        for (Path p : found) {
            Path claimed = dir.resolve(CLAIMED + owner + "-" + p.getFileName());
            try {
                Files.move(p, claimed, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException | FileAlreadyExistsException e) {
                continue; // another node sharing the directory claimed it first
            }
            files.add(claimed);
            for (String line : Files.readAllLines(claimed, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    candles.add(ContractJson.fromJson(line, Candle.class));
                } catch (RuntimeException e) {
                    bad++;
                }
            }
        }
        return new Claimed(candles, files, bad);
    }

    /** Writes {@code candles} to a new kept file, durably, and returns it. */
    public Path keep(Collection<Candle> candles) throws IOException {
        Files.createDirectories(dir);
        String id = System.currentTimeMillis() + "-" + owner;
        Path temp = dir.resolve("." + PENDING + id + SUFFIX + ".tmp");
        Path target = dir.resolve(PENDING + id + SUFFIX);
        try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            for (Candle c : candles) {
                out.write(ContractJson.toJson(c));
                out.write('\n');
            }
        }
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Deletes claimed files whose candles are acknowledged or kept again. */
    public void release(List<Path> files) throws IOException {
        for (Path p : files) {
            Files.deleteIfExists(p);
        }
    }
}
