package io.candlebus.alerts;

import java.util.Objects;

/**
 * One alert before formatting for a sink.
 *
 * @param kind what happened
 * @param subject what it happened to: an instrument and interval, a stream, a component or a node; throttling
 *     is per kind and subject
 * @param detail the lines under the heading, already in words
 * @param id what makes two alerts the same event (a signal id, an order id and status), or null when every
 *     alert is a new event (state transitions are edge-triggered already)
 * @param time when the event happened, epoch milliseconds
 * @param suppressed alerts of the same kind and subject held back by the throttle since the previous one
 */
public record Alert(AlertKind kind, String subject, String detail, String id, long time, int suppressed) {

    public Alert {
        Objects.requireNonNull(kind, "alert.kind: expected a value, was null");
        Objects.requireNonNull(subject, "alert.subject: expected a value, was null");
        Objects.requireNonNull(detail, "alert.detail: expected a value, was null");
    }

    /** An alert with nothing suppressed before it. */
    public Alert(AlertKind kind, String subject, String detail, String id, long time) {
        this(kind, subject, detail, id, time, 0);
    }

    /** The throttle's key: kind and subject. */
    public String throttleKey() {
        return kind.name() + "|" + subject;
    }

    /** Returns this alert noting how many of its kind and subject the throttle held back. */
    public Alert withSuppressed(int count) {
        return new Alert(kind, subject, detail, id, time, count);
    }

    /** The message text: heading, detail and the suppressed count, one item per line. */
    public String text() {
        StringBuilder sb = new StringBuilder(kind.title()).append(": ").append(subject);
        if (!detail.isEmpty()) {
            sb.append('\n').append(detail);
        }
        if (suppressed > 0) {
            sb.append("\n(").append(suppressed).append(" similar alert").append(suppressed == 1 ? "" : "s");
            sb.append(" suppressed by the throttle)");
        }
        return sb.toString();
    }
}
