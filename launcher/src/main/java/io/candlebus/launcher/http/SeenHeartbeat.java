package io.candlebus.launcher.http;

import io.candlebus.contract.Heartbeat;

/** The latest heartbeat of one component and when (local wall-clock millis) it arrived. */
record SeenHeartbeat(Heartbeat hb, long receivedAt) {
    /** Returns {@code node/component}. */
    String key() {
        return hb.node() + "/" + hb.component();
    }

    /** Returns how long the component has been silent at {@code now}. */
    long silentMillis(long now) {
        return now - receivedAt;
    }
}
