package io.candlebus.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void masksSecretsAndAnyBotPath() {
        String token = "123456789:AAExampleExampleExampleExample_-xyz";
        Redaction r = new Redaction(List.of(token, "/"));
        assertThat(r.redact("POST /bot" + token + "/sendMessage failed")).isEqualTo("POST /bot***/sendMessage failed");
        assertThat(r.redact("timeout on /bot42:someOtherToken_abc/sendMessage"))
                .isEqualTo("timeout on /bot***/sendMessage");
        assertThat(r.redact("a/b")).isEqualTo("a/b");
    }

    @Test
    void masksWebhookUrlsWholeAndTheirPaths() {
        DiscordSink discord = new DiscordSink("https://discord.example/api/webhooks/1/secret-part");
        Redaction r = new Redaction(discord.secrets());
        assertThat(r.redact("failed https://discord.example/api/webhooks/1/secret-part"))
                .isEqualTo("failed ***");
        assertThat(r.redact("POST /api/webhooks/1/secret-part")).isEqualTo("POST ***");
    }
}
