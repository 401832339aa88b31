package io.candlebus.contract;

import java.util.Locale;

/** Where one followed stream stands, as shown per stream in status. */
public enum StreamState {
    /** Opening a connection or waiting for its first message. */
    CONNECTING,
    /** Delivering live data with nothing missing. */
    LIVE,
    /** Connected, holding live data back until REST has filled what was missed. */
    RECOVERING,
    /** Waiting before the next connection attempt or REST request. */
    BACKING_OFF,
    /** The venue banned this IP (HTTP 418); no REST request is sent until the ban ends. */
    BANNED,
    /**
     * The venue does not list the symbol (or refused its stream): it is not subscribed and never
     * delivers; it is followed again once the venue lists it.
     */
    UNKNOWN;

    /** The lower-case, hyphenated name used in status output, e.g. {@code backing-off}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
