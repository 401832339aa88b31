package io.candlebus.market;

import io.candlebus.contract.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Names where a venue market is reached: {@code restUrl} is the REST base (http or https, no trailing
 * slash) and {@code wsUrl} the websocket base for Binance or the full websocket URL for Bithumb (ws or wss).
 */
public record Endpoint(String restUrl, String wsUrl) {

    public Endpoint {
        restUrl = checkUrl(restUrl, "endpoint.restUrl", "http");
        wsUrl = checkUrl(wsUrl, "endpoint.wsUrl", "ws");
    }

    /** Returns an endpoint whose URLs are checked, errors naming {@code path}. */
    static Endpoint of(String restUrl, String wsUrl, String path) {
        return new Endpoint(checkUrl(restUrl, path + ".restUrl", "http"), checkUrl(wsUrl, path + ".wsUrl", "ws"));
    }

    /**
     * Checks that {@code url} is an absolute URL of the given family ({@code http} accepts http and https,
     * {@code ws} accepts ws and wss) and returns it without a trailing slash.
     */
    static String checkUrl(String url, String path, String family) {
        String expected = family.equals("http") ? "an http:// or https:// URL" : "a ws:// or wss:// URL";
        if (url == null) {
            throw new ConfigException(path, expected, null);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(path, expected, url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeOk = scheme.equals(family) || scheme.equals(family + "s");
        if (!schemeOk || uri.getHost() == null || uri.getHost().isEmpty() || uri.getFragment() != null) {
            throw new ConfigException(path, expected, url);
        }
        String trimmed = url;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return Objects.requireNonNull(trimmed);
    }
}
