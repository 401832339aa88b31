package io.candlebus.order.journal;

import io.candlebus.contract.OrderRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable order journal: an append-only file, {@code orders.journal} in its directory, to which every
 * intent is written and forced to disk ({@link FileChannel#force}) before its request may leave, and
 * every state change after. Opening it replays the file, so after a crash the intents and their latest
 * states come back; PENDING ones may or may not have reached the venue and must be looked up there by
 * client order id before anything new is sent. An incomplete last line (a crash mid-write) is cut off and
 * reported in {@link #replayReport()}; a damaged complete line stops the open.
 *
 * <p>Every method that writes blocks on the disk: the order verticle calls them through
 * {@code executeBlocking}, one at a time (the journal is not thread-safe).
 */
public final class OrderJournalFile implements AutoCloseable {
    /** The journal's file name inside its directory. */
    public static final String FILE_NAME = "orders.journal";

    private final Path path;
    private final FileChannel channel;
    private final Map<String, JournalEntry> entries;
    private final ReplayReport report;
    private boolean broken;

    private OrderJournalFile(Path path, FileChannel channel, Map<String, JournalEntry> entries, ReplayReport report) {
        this.path = path;
        this.channel = channel;
        this.entries = entries;
        this.report = report;
    }

    /** Opens (creating if needed) the journal in {@code directory} and replays it. */
    public static OrderJournalFile open(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path path = directory.resolve(FILE_NAME);
        boolean created = !Files.exists(path);
        FileChannel channel =
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            if (created) {
                // The new file's directory entry must survive a crash too.
                forceDirectory(directory);
            }
            byte[] bytes = Files.readAllBytes(path);
            int end = 0;
            for (int i = bytes.length - 1; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    end = i + 1;
                    break;
                }
            }
            Map<String, JournalEntry> entries = new LinkedHashMap<>();
            int records = replay(new String(bytes, 0, end, StandardCharsets.UTF_8), entries);
            long torn = bytes.length - end;
            if (torn > 0) {
                channel.truncate(end);
                channel.force(true);
            }
            channel.position(end);
            int intents = entries.size();
            int open = (int)
                    entries.values().stream().filter(e -> !e.state().isFinal()).count();
            return new OrderJournalFile(path, channel, entries, new ReplayReport(records, intents, open, torn));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static int replay(String text, Map<String, JournalEntry> entries) throws JournalCorruptException {
        if (text.isEmpty()) {
            return 0;
        }
        String[] lines = text.split("\n", -1);
        // The text ends with a newline, so the last element is empty.
        for (int i = 0; i < lines.length - 1; i++) {
            long lineNumber = i + 1L;
            JsonObject record = JournalCodec.read(lines[i], lineNumber);
            String id = record.getString("id");
            long time = record.getLong("time", 0L);
            if (JournalCodec.INTENT.equals(record.getString("t"))) {
                if (entries.containsKey(id)) {
                    throw JournalCodec.corrupt(lineNumber, "second intent for " + id);
                }
                OrderRequest request = JournalCodec.request(record, lineNumber);
                entries.put(id, new JournalEntry(request, time, OrderState.PENDING, null, BigDecimal.ZERO, null, time));
            } else if (JournalCodec.STATE.equals(record.getString("t"))) {
                JournalEntry entry = entries.get(id);
                if (entry == null) {
                    throw JournalCodec.corrupt(lineNumber, "state for unknown intent " + id);
                }
                OrderState state;
                BigDecimal filled;
                try {
                    state = OrderState.valueOf(record.getString("state"));
                    filled = new BigDecimal(record.getString("filled"));
                } catch (RuntimeException e) {
                    throw JournalCodec.corrupt(lineNumber, "bad state record: " + e.getMessage());
                }
                entries.put(
                        id,
                        entry.with(
                                state, record.getString("exchangeOrderId"), filled, record.getString("reason"), time));
            } else {
                throw JournalCodec.corrupt(lineNumber, "unknown record type " + record.getString("t"));
            }
        }
        return lines.length - 1;
    }

    /** Returns what opening the journal found. */
    public ReplayReport replayReport() {
        return report;
    }

    /** Returns the entry of {@code clientOrderId}, if it was ever journaled. */
    public Optional<JournalEntry> find(String clientOrderId) {
        return Optional.ofNullable(entries.get(clientOrderId));
    }

    /** Returns every entry in the order the intents were journaled. */
    public List<JournalEntry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries.values()));
    }

    /** Returns the entries not in a final state: what a restart must reconcile with the venue. */
    public List<JournalEntry> openEntries() {
        return entries.values().stream().filter(e -> !e.state().isFinal()).toList();
    }

    /**
     * Journals a new intent in state PENDING and forces it to disk; only after this returns may the request
     * leave. Throws {@link IllegalStateException} if the client order id was journaled before: a repeat of
     * an intent is answered from its entry, never sent again.
     */
    public JournalEntry recordIntent(OrderRequest request, long time) throws IOException {
        String id = request.clientOrderId();
        if (entries.containsKey(id)) {
            throw new IllegalStateException("clientOrderId: already journaled, was '" + id + "'");
        }
        append(JournalCodec.intent(request, time));
        JournalEntry entry = new JournalEntry(request, time, OrderState.PENDING, null, BigDecimal.ZERO, null, time);
        entries.put(id, entry);
        return entry;
    }

    /**
     * Journals a state change of intent {@code clientOrderId} and forces it to disk. {@code exchangeOrderId}
     * null keeps the known one. Throws {@link IllegalStateException} for an unknown intent or a move the
     * state machine forbids (see {@link OrderState#canMoveTo}).
     */
    public JournalEntry recordState(
            String clientOrderId,
            OrderState state,
            String exchangeOrderId,
            BigDecimal filledQuantity,
            String reason,
            long time)
            throws IOException {
        JournalEntry entry = entries.get(clientOrderId);
        if (entry == null) {
            throw new IllegalStateException("clientOrderId: no intent journaled, was '" + clientOrderId + "'");
        }
        if (!entry.state().canMoveTo(state)) {
            throw new IllegalStateException(
                    "state: " + clientOrderId + " cannot move from " + entry.state() + " to " + state);
        }
        if (filledQuantity.compareTo(entry.filledQuantity()) < 0) {
            throw new IllegalStateException("filledQuantity: " + clientOrderId + " cannot shrink from "
                    + entry.filledQuantity().toPlainString() + " to " + filledQuantity.toPlainString());
        }
        append(JournalCodec.state(clientOrderId, state, exchangeOrderId, filledQuantity, reason, time));
        JournalEntry next = entry.with(state, exchangeOrderId, filledQuantity, reason, time);
        entries.put(clientOrderId, next);
        return next;
    }

    private void append(String line) throws IOException {
        if (broken) {
            throw new IOException("order journal " + path + ": an earlier write failed; restart to replay it");
        }
        long size = channel.position();
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            // A half-written line must not sit before later records: cut it off, or stop writing at all.
            broken = true;
            try {
                channel.truncate(size);
                channel.position(size);
                channel.force(true);
                broken = false;
            } catch (IOException truncateFailed) {
                e.addSuppressed(truncateFailed);
            }
            throw e;
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the file's own fsyncs still hold its content.
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
