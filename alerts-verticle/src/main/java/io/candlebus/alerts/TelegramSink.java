package io.candlebus.alerts;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Telegram's Bot API {@code sendMessage}: {@code POST <apiUrl>/bot<token>/sendMessage} with {@code chat_id}
 * and {@code text} (plain text: no parse mode, so nothing in an alert needs escaping). Texts over 4,096
 * characters are split.
 */
final class TelegramSink implements Sink {
    /** Telegram's limit on one message's text. */
    static final int MAX_TEXT = 4096;

    private final String url;
    private final String token;
    private final String chatId;

    TelegramSink(String apiUrl, String token, String chatId) {
        this.url = apiUrl + "/bot" + token + "/sendMessage";
        this.token = token;
        this.chatId = chatId;
    }

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public List<JsonObject> bodies(Alert alert, String node) {
        return MessageSplitter.split(alert.text(), MAX_TEXT).stream()
                .map(part -> new JsonObject().put("chat_id", chatId).put("text", part))
                .toList();
    }

    @Override
    public List<String> secrets() {
        return List.of(token);
    }
}
