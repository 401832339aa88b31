package io.candlebus.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;

/**
 * A Discord webhook: {@code POST <webhookUrl>} with {@code content} (at most 2,000 characters, so longer
 * texts are split). Mentions are disabled, so an instrument or reason text can never ping {@code @everyone}.
 */
final class DiscordSink implements Sink {
    /** Discord's limit on one message's content. */
    static final int MAX_CONTENT = 2000;

    private final String url;

    DiscordSink(String url) {
        this.url = url;
    }

    @Override
    public String name() {
        return "discord";
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public List<JsonObject> bodies(Alert alert, String node) {
        return MessageSplitter.split(alert.text(), MAX_CONTENT).stream()
                .map(part -> new JsonObject()
                        .put("content", part)
                        .put("allowed_mentions", new JsonObject().put("parse", new JsonArray())))
                .toList();
    }

    @Override
    public List<String> secrets() {
        // The webhook's token is the last part of its path.
        return List.of(url, URI.create(url).getRawPath());
    }
}
