package io.candlebus.launcher.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fans chart events out to server-sent-event clients, each following one instrument and interval: a client
 * gets only its stream's events (filtered here, so a page following one of 100 instruments receives one
 * instrument's traffic). Each client's queue is bounded by its connection's write queue; a client whose queue
 * is full when an event comes is too slow and is dropped (its connection closed), so a stalled browser costs
 * a bounded amount of memory and never slows the others. Used on one event loop.
 */
public final class SseHub {
    /** The comment frame sent periodically, so proxies keep the connection and dead peers are noticed. */
    static final String PING = ": ping\n\n";

    /** One connected client, as the hub sees it. */
    public interface Client {
        /** Whether the client's bounded write queue is full. */
        boolean writeQueueFull();

        /** Queues a frame for the client. */
        void write(String frame);

        /** Closes the client's connection. */
        void close();
    }

    private record Subscriber(Client client, String interval) {}

    private final int maxClients;
    private final Map<String, List<Subscriber>> byInstrument = new HashMap<>();
    private int clients;
    private long dropped;

    /** Creates a hub accepting at most {@code maxClients} clients at once. */
    public SseHub(int maxClients) {
        this.maxClients = maxClients;
    }

    /**
     * Adds a client following {@code instrument} (a key) and {@code interval} (a code); returns false, and adds
     * nothing, when {@code maxClients} are connected already.
     */
    public boolean add(Client client, String instrument, String interval) {
        if (clients >= maxClients) {
            return false;
        }
        byInstrument.computeIfAbsent(instrument, k -> new ArrayList<>()).add(new Subscriber(client, interval));
        clients++;
        return true;
    }

    /** Removes a client (it disconnected); nothing happens if it is not connected. */
    public void remove(Client client) {
        byInstrument.values().forEach(list -> {
            if (list.removeIf(s -> s.client() == client)) {
                clients--;
            }
        });
        byInstrument.values().removeIf(List::isEmpty);
    }

    /**
     * Sends an event to the clients following {@code instrument} and {@code interval}, or every interval of the
     * instrument when {@code interval} is null (orders belong to an instrument, not to an interval). The data is
     * rendered only if some client follows the stream: most of 100 instruments have no page open.
     */
    public void publish(String instrument, String interval, String event, Supplier<String> data) {
        List<Subscriber> list = byInstrument.get(instrument);
        if (list == null) {
            return;
        }
        String frame = null;
        List<Client> slow = new ArrayList<>();
        for (Subscriber s : list) {
            if (interval != null && !interval.equals(s.interval())) {
                continue;
            }
            if (s.client().writeQueueFull()) {
                slow.add(s.client());
                continue;
            }
            if (frame == null) {
                frame = frame(event, data.get());
            }
            s.client().write(frame);
        }
        slow.forEach(this::drop);
    }

    /** Sends {@link #PING} to every client, dropping those whose queue is full. */
    public void ping() {
        List<Client> slow = new ArrayList<>();
        byInstrument
                .values()
                .forEach(list -> list.forEach(s -> {
                    if (s.client().writeQueueFull()) {
                        slow.add(s.client());
                    } else {
                        s.client().write(PING);
                    }
                }));
        slow.forEach(this::drop);
    }

    /** Returns the number of clients connected. */
    public int clients() {
        return clients;
    }

    /** Returns the number of clients dropped for being too slow since the hub started. */
    public long dropped() {
        return dropped;
    }

    private void drop(Client client) {
        remove(client);
        dropped++;
        client.close();
    }

    /**
     * Formats one server-sent event: the event line, then the data one {@code data:} line per line of text
     * (a line break inside the data would otherwise end the field), then the blank line that ends the event.
     */
    static String frame(String event, String data) {
        if (event.contains("\n") || event.contains("\r")) {
            throw new IllegalArgumentException("event: expected a name without line breaks, was '" + event + "'");
        }
        StringBuilder out = new StringBuilder(data.length() + event.length() + 16);
        out.append("event: ").append(event).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        return out.append('\n').toString();
    }
}
