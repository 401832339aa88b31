package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alerts section reaches {@code AlertsConfig} from flags and the environment, token from the environment only. */
class AlertsSettingsTest {
    private static final String TOKEN = "4242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    private static AppConfig config(Map<String, String> env, String... args) {
        return AppConfig.fromJson(ConfigLoader.load(args, env).tree(), env);
    }

    @Test
    void sinksFromFlagsAndEnvironment() {
        AppConfig c = config(
                Map.of(
                        "CANDLEBUS_TELEGRAM_BOT_TOKEN",
                        TOKEN,
                        "CANDLEBUS_TELEGRAM_CHAT_ID",
                        "-1001",
                        "CANDLEBUS_DISCORD_WEBHOOK_URL",
                        "https://discord.com/api/webhooks/1/secret"),
                "--alerts-webhook-url",
                "https://hooks.example.com/x",
                "--roles",
                "alerts");
        assertThat(c.roles()).containsExactly(Role.ALERTS);
        assertThat(c.alerts().webhookUrl()).isEqualTo("https://hooks.example.com/x");
        assertThat(c.alerts().telegramChatId()).isEqualTo("-1001");
        assertThat(c.alerts().telegramToken()).isEqualTo(TOKEN);
        assertThat(c.alerts().discordWebhookUrl()).isEqualTo("https://discord.com/api/webhooks/1/secret");
        assertThat(c.toString()).doesNotContain(TOKEN, "secret", "hooks.example.com/x");
    }

    @Test
    void theTokenComesOnlyFromTheEnvironmentAndAChatIdNeedsIt() {
        assertThat(config(Map.of()).alerts().anySink()).isFalse();
        assertThat(config(Map.of()).roles()).contains(Role.ALERTS);
        assertThatThrownBy(() -> config(Map.of(), "--telegram-chat-id", "42"))
                .hasMessage("alerts.telegram.chatId: expected CANDLEBUS_TELEGRAM_BOT_TOKEN in the environment as well,"
                        + " was unset");
    }
}
