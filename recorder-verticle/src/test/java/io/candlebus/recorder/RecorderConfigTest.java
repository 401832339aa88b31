package io.candlebus.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RecorderConfigTest {

    @Test
    void hasDocumentedDefaults() {
        RecorderConfig d = RecorderConfig.defaults();

        assertThat(d.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(d.flushIntervalMillis()).isEqualTo(2000);
        assertThat(d.maxBufferedCandles()).isEqualTo(10_000);
        assertThat(RecorderConfig.fromJson(new JsonObject(), "recorder")).isEqualTo(d);
        assertThat(RecorderConfig.fromJson(null, "recorder")).isEqualTo(d);
    }

    @Test
    void overridesWhatTheJsonGives() {
        RecorderConfig c = RecorderConfig.fromJson(
                new JsonObject()
                        .put("dataDir", "/var/lib/candlebus")
                        .put("flushIntervalMillis", 500)
                        .put("maxBufferedCandles", 2.0),
                "recorder");

        assertThat(c)
                .isEqualTo(
                        new RecorderConfig(Path.of("/var/lib/candlebus"), 500, 2, null, CompactionConfig.defaults()));
        assertThat(c.withDataDir(Path.of("x")).dataDir()).isEqualTo(Path.of("x"));
        assertThat(c.effectiveOutboxDir()).isEqualTo(Path.of("/var/lib/candlebus/outbox"));
        assertThat(c.withDataDir(Path.of("x")).effectiveOutboxDir()).isEqualTo(Path.of("x/outbox"));
        RecorderConfig spooled =
                RecorderConfig.fromJson(new JsonObject().put("outboxDir", "/spool/candlebus"), "recorder");
        assertThat(spooled.effectiveOutboxDir()).isEqualTo(Path.of("/spool/candlebus"));
        assertThat(spooled.withDataDir(Path.of("x")).effectiveOutboxDir()).isEqualTo(Path.of("/spool/candlebus"));
        assertThatThrownBy(() -> RecorderConfig.fromJson(new JsonObject().put("outboxDir", " "), "recorder"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("recorder.outboxDir: expected a directory path as non-blank text, was ' '");
    }

    @Test
    void namesTheFieldOfABadValue() {
        assertThatThrownBy(() -> RecorderConfig.fromJson(new JsonObject().put("flushIntervalMillis", 0), "recorder"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("recorder.flushIntervalMillis: expected an integer from 1 to 3600000, was 0");
        assertThatThrownBy(() -> RecorderConfig.fromJson(new JsonObject().put("maxBufferedCandles", 1.5), "recorder"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("recorder.maxBufferedCandles: expected an integer from 1 to 10000000, was 1.5");
        assertThatThrownBy(() -> RecorderConfig.fromJson(new JsonObject().put("maxBufferedCandles", "10"), "recorder"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("recorder.maxBufferedCandles: expected an integer from 1 to 10000000, was '10'");
        assertThatThrownBy(() -> RecorderConfig.fromJson(new JsonObject().put("dataDir", 5), "recorder"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("recorder.dataDir: expected a directory path as non-blank text, was 5");
        assertThatThrownBy(() -> RecorderConfig.fromJson(new JsonObject().putNull("dataDir"), "recorder"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("recorder.dataDir: expected a directory path as non-blank text, was null");
        assertThatThrownBy(() -> RecorderConfig.fromJson(new JsonObject().put("dataDir", "a\0b"), "recorder"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("recorder.dataDir: expected a valid directory path");
    }

    @Test
    void rejectsUnknownKeys() {
        assertThatThrownBy(() -> RecorderConfig.fromJson(new JsonObject().put("flushMillis", 5), "recorder"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "recorder.flushMillis: unknown key, expected one of compaction, dataDir, flushIntervalMillis,"
                                + " maxBufferedCandles, outboxDir");
    }

    @Test
    void readsCompactionSettings() {
        assertThat(RecorderConfig.defaults().compaction()).isEqualTo(new CompactionConfig(true, 600_000, 60_000));
        assertThat(new RecorderConfig(Path.of("d"), 2000, 1).compaction().enabled())
                .isFalse();
        RecorderConfig c = RecorderConfig.fromJson(
                new JsonObject()
                        .put(
                                "compaction",
                                new JsonObject()
                                        .put("enabled", false)
                                        .put("delayMillis", 0)
                                        .put("everyMillis", 1000)),
                "recorder");
        assertThat(c.compaction()).isEqualTo(new CompactionConfig(false, 0, 1000));
        assertThatThrownBy(() -> RecorderConfig.fromJson(
                        new JsonObject().put("compaction", new JsonObject().put("delayMillis", -1)), "recorder"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("recorder.compaction.delayMillis: expected an integer from 0 to 604800000, was -1");
        assertThatThrownBy(() -> RecorderConfig.fromJson(
                        new JsonObject().put("compaction", new JsonObject().put("every", 5)), "recorder"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "recorder.compaction.every: unknown key, expected one of delayMillis, enabled, everyMillis");
        assertThatThrownBy(() -> RecorderConfig.fromJson(
                        new JsonObject().put("compaction", new JsonObject().put("enabled", "yes")), "recorder"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("recorder.compaction.enabled: expected true or false, was 'yes'");
    }

    @Test
    void constructorChecksValuesToo() {
        assertThatThrownBy(() -> new RecorderConfig(Path.of("d"), 2000, 0)).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new RecorderConfig(null, 2000, 1)).isInstanceOf(NullPointerException.class);
    }
}
