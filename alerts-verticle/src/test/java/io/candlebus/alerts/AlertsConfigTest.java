package io.candlebus.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class AlertsConfigTest {
    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    @Test
    void defaults() {
        AlertsConfig c = AlertsConfig.defaults();
        assertThat(c.anySink()).isFalse();
        assertThat(c.telegramApiUrl()).isEqualTo("https://api.telegram.org");
        assertThat(c.kinds()).isEqualTo(EnumSet.allOf(AlertKind.class));
        assertThat(c.throttleMillis()).isEqualTo(60_000);
        assertThat(c.staleStreamMillis()).isEqualTo(120_000);
        assertThat(c.nodeSilentMillis()).isEqualTo(10_000);
        assertThat(c.recorderBacklogCandles()).isEqualTo(5_000);
        assertThat(c.maxSignalAgeMillis()).isEqualTo(60_000);
        assertThat(c.queueCapacity()).isEqualTo(1_000);
        assertThat(c.maxAttempts()).isEqualTo(5);
        assertThat(c.retryBaseMillis()).isEqualTo(1_000);
        assertThat(c.retryMaxMillis()).isEqualTo(60_000);
        assertThat(c.requestTimeoutMillis()).isEqualTo(10_000);
    }

    @Test
    void everySinkAndKindsFromJson() {
        AlertsConfig c = AlertsConfig.fromJson(
                new JsonObject()
                        .put("webhook", new JsonObject().put("url", "http://127.0.0.1:9/hook/"))
                        .put(
                                "telegram",
                                new JsonObject()
                                        .put("apiUrl", "http://127.0.0.1:9")
                                        .put("chatId", -100123))
                        .put("discord", new JsonObject().put("webhookUrl", "https://discord.com/api/webhooks/1/x"))
                        .put("kinds", "signal,order-filled"),
                "alerts",
                TOKEN);
        assertThat(c.webhookUrl()).isEqualTo("http://127.0.0.1:9/hook");
        assertThat(c.telegramChatId()).isEqualTo("-100123");
        assertThat(c.telegramToken()).isEqualTo(TOKEN);
        assertThat(c.kinds()).containsExactlyInAnyOrder(AlertKind.SIGNAL, AlertKind.ORDER_FILLED);
        assertThat(c.toString()).doesNotContain(TOKEN, "/hook", "webhooks/1/x").contains("telegramToken=***");
    }

    @Test
    void errorsNameTheFieldAndNeverEchoSecrets() {
        assertThatThrownBy(() -> AlertsConfig.fromJson(
                        new JsonObject().put("telegram", new JsonObject().put("chatId", "42")), "alerts", null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("alerts.telegram.chatId: expected CANDLEBUS_TELEGRAM_BOT_TOKEN in the environment as well,"
                        + " was unset");
        assertThatThrownBy(() -> AlertsConfig.fromJson(new JsonObject(), "alerts", TOKEN))
                .hasMessageStartingWith("alerts.telegram.chatId: expected a chat id");
        String badToken = "not-a-token-but-secret-anyway";
        assertThatThrownBy(() -> AlertsConfig.fromJson(
                        new JsonObject().put("telegram", new JsonObject().put("chatId", "42")), "alerts", badToken))
                .hasMessageStartingWith("CANDLEBUS_TELEGRAM_BOT_TOKEN: expected a bot token")
                .message()
                .doesNotContain(badToken);
        assertThatThrownBy(() -> AlertsConfig.fromJson(
                        new JsonObject().put("discord", new JsonObject().put("webhookUrl", "ftp://x/secret")),
                        "alerts",
                        null))
                .hasMessageStartingWith("alerts.discord.webhookUrl: expected an absolute http:// or https:// URL")
                .message()
                .doesNotContain("secret");
        assertThatThrownBy(() -> AlertsConfig.fromJson(new JsonObject().put("throttle", 1), "alerts", null))
                .hasMessageStartingWith("alerts.throttle: unknown key, expected one of ");
        assertThatThrownBy(() -> AlertsConfig.fromJson(new JsonObject().put("nodeSilentMillis", 500), "alerts", null))
                .hasMessage("alerts.nodeSilentMillis: expected an integer from 2000 to 86400000, was 500");
        assertThatThrownBy(() -> AlertsConfig.fromJson(new JsonObject().put("kinds", "kill"), "alerts", null))
                .hasMessageStartingWith("alerts.kinds: expected kinds among signal, order-placed");
        assertThatThrownBy(() -> AlertsConfig.fromJson(
                        new JsonObject().put("retryBaseMillis", 5000).put("retryMaxMillis", 1000), "alerts", null))
                .hasMessage("alerts.retryMaxMillis: expected at least retryBaseMillis (5000), was 1000");
    }
}
