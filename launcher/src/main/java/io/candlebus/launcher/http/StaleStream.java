package io.candlebus.launcher.http;

import io.vertx.core.json.JsonObject;

/**
 * One stream whose data is older than the readiness threshold, by its feed's clock. {@code instrument} is
 * null for a market component that follows streams but reports none of them one by one (then the age is
 * that of the component's last event).
 */
public record StaleStream(String node, String component, String instrument, long ageMillis) {
    /** Renders the entry of the readiness body. */
    JsonObject toJson() {
        return new JsonObject()
                .put("node", node)
                .put("component", component)
                .put("instrument", instrument)
                .put("ageMillis", ageMillis);
    }

    @Override
    public String toString() {
        return (instrument == null ? node + "/" + component : instrument) + " (" + ageMillis + " ms)";
    }
}
