package io.candlebus.alerts;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;

/**
 * A generic JSON webhook: {@code POST <url>} with one body per alert, never split:
 * {@code {"kind":"stream-stale","subject":"binance:spot:BTCUSDT","text":"...","detail":"...","node":"...",
 * "time":1700000000000,"suppressed":0}}.
 */
final class WebhookSink implements Sink {
    private final String url;

    WebhookSink(String url) {
        this.url = url;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public List<JsonObject> bodies(Alert alert, String node) {
        return List.of(new JsonObject()
                .put("kind", alert.kind().wireName())
                .put("subject", alert.subject())
                .put("text", alert.text())
                .put("detail", alert.detail())
                .put("node", node)
                .put("time", alert.time())
                .put("suppressed", alert.suppressed()));
    }

    @Override
    public List<String> secrets() {
        // Hooks commonly carry their credential in the path or query.
        URI uri = URI.create(url);
        return uri.getRawQuery() == null
                ? List.of(url, uri.getRawPath())
                : List.of(url, uri.getRawPath(), uri.getRawQuery());
    }
}
