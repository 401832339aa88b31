package io.candlebus.market;

import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.Locale;

/** Turns a {@code ws://} or {@code wss://} URL into Vert.x connect options (host, port, TLS, request URI). */
public final class WsTarget {
    private WsTarget() {}

    /** Returns connect options for {@code url}; the URL was validated by the config. */
    public static WebSocketConnectOptions options(String url) {
        URI uri = URI.create(url);
        boolean ssl = uri.getScheme().toLowerCase(Locale.ROOT).equals("wss");
        int port = uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new WebSocketConnectOptions()
                .setHost(uri.getHost())
                .setPort(port)
                .setSsl(ssl)
                .setURI(requestUri);
    }
}
