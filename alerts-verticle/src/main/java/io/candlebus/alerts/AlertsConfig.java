package io.candlebus.alerts;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Configures the alerts role. JSON form (section {@code alerts}), every key optional:
 *
 * <pre>{@code
 * {"webhook": {"url": "https://hooks.example.com/candlebus"},
 *  "telegram": {"apiUrl": "https://api.telegram.org", "chatId": "-1001234567890"},
 *  "discord": {"webhookUrl": "https://discord.com/api/webhooks/123/abc"},
 *  "kinds": ["signal", "order-filled", "stream-stale"], "throttleMillis": 60000, "staleStreamMillis": 120000,
 *  "nodeSilentMillis": 10000, "recorderBacklogCandles": 5000, "maxSignalAgeMillis": 60000,
 *  "queueCapacity": 1000, "maxAttempts": 5, "retryBaseMillis": 1000, "retryMaxMillis": 60000,
 *  "requestTimeoutMillis": 10000}
 * }</pre>
 *
 * <p>A sink without its URL (or chat id) is off. The Telegram bot token comes only from the environment
 * ({@code CANDLEBUS_TELEGRAM_BOT_TOKEN}) and {@link #toString()} never shows it or a webhook URL.
 *
 * @param webhookUrl generic JSON webhook, or null
 * @param telegramApiUrl Telegram Bot API base URL (default {@code https://api.telegram.org})
 * @param telegramChatId the chat messages go to, or null
 * @param telegramToken the bot token, or null
 * @param discordWebhookUrl Discord webhook URL, or null
 * @param kinds the kinds alerted (default all)
 * @param throttleMillis at most one alert per kind and subject in this window; later ones are counted and
 *     noted on the next (0 = off; default 60000)
 * @param staleStreamMillis a stream whose last message is older than this by its feed's clock is stale
 *     (default 120000, as {@code http.staleStreamMillis})
 * @param nodeSilentMillis a node with no heartbeat for this long has left (default 10000)
 * @param recorderBacklogCandles candles waiting in a recorder's buffer or a market's recorder outbox from
 *     which the recorder counts as behind (default 5000)
 * @param maxSignalAgeMillis a signal whose candle closed longer ago than this (by the market clock) is
 *     history, e.g. warm-up, and not alerted (default 60000, as {@code order.maxSignalAgeMillis})
 * @param queueCapacity messages waiting per sink; when full the oldest is dropped and counted (default 1000)
 * @param maxAttempts tries per message, the first included (default 5)
 * @param retryBaseMillis first backoff after a 5xx or network error, doubling per try (default 1000)
 * @param retryMaxMillis longest backoff (default 60000); a 429's {@code retry_after} is honoured beyond it
 * @param requestTimeoutMillis each HTTP request's timeout (default 10000)
 */
public record AlertsConfig(
        String webhookUrl,
        String telegramApiUrl,
        String telegramChatId,
        String telegramToken,
        String discordWebhookUrl,
        Set<AlertKind> kinds,
        long throttleMillis,
        long staleStreamMillis,
        long nodeSilentMillis,
        long recorderBacklogCandles,
        long maxSignalAgeMillis,
        int queueCapacity,
        int maxAttempts,
        long retryBaseMillis,
        long retryMaxMillis,
        long requestTimeoutMillis) {

    /** The environment variable the Telegram bot token comes from. */
    public static final String TELEGRAM_TOKEN_ENV = "CANDLEBUS_TELEGRAM_BOT_TOKEN";

    /** Telegram's Bot API. */
    public static final String TELEGRAM_API_URL = "https://api.telegram.org";

    // A bot token is "<bot id>:<secret>"; checking its shape keeps it safe to put in a URL path.
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}");
    private static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,63}");
    private static final Set<String> KEYS = Set.of(
            "webhook",
            "telegram",
            "discord",
            "kinds",
            "throttleMillis",
            "staleStreamMillis",
            "nodeSilentMillis",
            "recorderBacklogCandles",
            "maxSignalAgeMillis",
            "queueCapacity",
            "maxAttempts",
            "retryBaseMillis",
            "retryMaxMillis",
            "requestTimeoutMillis");
    private static final long DAY = 86_400_000L;

    public AlertsConfig {
        kinds = Set.copyOf(kinds);
        if ((telegramChatId == null) != (telegramToken == null)) {
            throw new ConfigException("telegram: expected a chat id and a bot token together, was only one of them");
        }
        if (retryMaxMillis < retryBaseMillis) {
            throw new ConfigException(
                    "retryMaxMillis", "at least retryBaseMillis (" + retryBaseMillis + ")", retryMaxMillis);
        }
    }

    /** Returns the defaults: no sink on, every kind, the timings documented on the record. */
    public static AlertsConfig defaults() {
        return fromJson(new JsonObject(), "alerts", null);
    }

    /** Whether any sink is configured. */
    public boolean anySink() {
        return webhookUrl != null || telegramChatId != null || discordWebhookUrl != null;
    }

    /**
     * Reads the section {@code json} at {@code path} (e.g. {@code alerts}) with the Telegram bot token from
     * the environment ({@code telegramToken}, null if unset). Throws {@link ConfigException} on a bad value,
     * an unknown key, a chat id without a token or a token without a chat id.
     */
    public static AlertsConfig fromJson(JsonObject json, String path, String telegramToken) {
        ConfigReader r = new ConfigReader(json, path, KEYS);
        ConfigReader webhook = r.child("webhook", Set.of("url"));
        ConfigReader telegram = r.child("telegram", Set.of("apiUrl", "chatId"));
        ConfigReader discord = r.child("discord", Set.of("webhookUrl"));

        String chatId = AlertsValues.textOrNumber(telegram, "chatId");
        if (chatId != null && !CHAT_ID.matcher(chatId).matches()) {
            throw new ConfigException(telegram.at("chatId"), "a numeric chat id or an @channel name", chatId);
        }
        String token = telegramToken == null || telegramToken.isBlank() ? null : telegramToken.trim();
        if (token != null && !TOKEN.matcher(token).matches()) {
            // Never echo the value: a mistyped token is still mostly the secret.
            throw new ConfigException(TELEGRAM_TOKEN_ENV + ": expected a bot token such as 123456:ABC-DEF..., was "
                    + token.length() + " characters of another shape");
        }
        if (chatId != null && token == null) {
            throw new ConfigException(telegram.at("chatId") + ": expected " + TELEGRAM_TOKEN_ENV
                    + " in the environment as well, was unset");
        }
        if (chatId == null && token != null) {
            throw new ConfigException(telegram.at("chatId") + ": expected a chat id, since " + TELEGRAM_TOKEN_ENV
                    + " is set, was nothing");
        }
        long base = r.longValue("retryBaseMillis", 1000, 1, 600_000);
        long max = r.longValue("retryMaxMillis", Math.max(60_000, base), 1, DAY);
        if (max < base) {
            throw new ConfigException(r.at("retryMaxMillis"), "at least retryBaseMillis (" + base + ")", max);
        }
        return new AlertsConfig(
                AlertsValues.url(webhook, "url", null, true),
                AlertsValues.url(telegram, "apiUrl", TELEGRAM_API_URL, false),
                chatId,
                token,
                AlertsValues.url(discord, "webhookUrl", null, true),
                kinds(r.strings("kinds", null), r.at("kinds")),
                r.longValue("throttleMillis", 60_000, 0, DAY),
                r.longValue("staleStreamMillis", 120_000, 1_000, 7 * DAY),
                // Heartbeats come every second: anything under two would flag a node that is merely late.
                r.longValue("nodeSilentMillis", 10_000, 2_000, DAY),
                r.longValue("recorderBacklogCandles", 5_000, 1, 10_000_000),
                r.longValue("maxSignalAgeMillis", 60_000, 0, 7 * DAY),
                r.integer("queueCapacity", 1_000, 1, 100_000),
                r.integer("maxAttempts", 5, 1, 100),
                base,
                max,
                r.longValue("requestTimeoutMillis", 10_000, 100, 600_000));
    }

    private static Set<AlertKind> kinds(List<String> names, String path) {
        if (names == null) {
            return EnumSet.allOf(AlertKind.class);
        }
        Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
        for (String name : names) {
            AlertKind kind = Arrays.stream(AlertKind.values())
                    .filter(k -> k.wireName().equals(name.trim()))
                    .findFirst()
                    .orElseThrow(() -> new ConfigException(
                            path,
                            "kinds among "
                                    + Arrays.stream(AlertKind.values())
                                            .map(AlertKind::wireName)
                                            .collect(Collectors.joining(", ")),
                            name));
            kinds.add(kind);
        }
        return kinds;
    }

    @Override
    public String toString() {
        return "AlertsConfig[webhook=" + shown(webhookUrl) + ", telegramApiUrl=" + telegramApiUrl + ", telegramChatId="
                + telegramChatId + ", telegramToken=" + shown(telegramToken) + ", discord=" + shown(discordWebhookUrl)
                + ", kinds=" + kinds + ", throttleMillis=" + throttleMillis + ", staleStreamMillis=" + staleStreamMillis
                + ", nodeSilentMillis=" + nodeSilentMillis + ", recorderBacklogCandles=" + recorderBacklogCandles
                + ", maxSignalAgeMillis=" + maxSignalAgeMillis + ", queueCapacity=" + queueCapacity + ", maxAttempts="
                + maxAttempts + ", retryBaseMillis=" + retryBaseMillis + ", retryMaxMillis=" + retryMaxMillis
                + ", requestTimeoutMillis=" + requestTimeoutMillis + "]";
    }

    private static String shown(String secret) {
        return secret == null ? "unset" : "***";
    }
}
