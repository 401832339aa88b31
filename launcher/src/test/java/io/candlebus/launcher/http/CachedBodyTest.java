package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class CachedBodyTest {
    private int renders;

    private JsonObject render(long now) {
        renders++;
        return new JsonObject().put("time", now).put("render", renders);
    }

    @Test
    void theSameBytesAreServedUntilTheyAreMaxAgeOld() {
        CachedBody body = new CachedBody(250, this::render);

        Buffer first = body.get(1_000);
        assertThat(body.get(1_000)).isSameAs(first);
        assertThat(body.get(1_249)).isSameAs(first);
        assertThat(first.toJsonObject().getLong("time")).isEqualTo(1_000);

        Buffer second = body.get(1_250);
        assertThat(second).isNotSameAs(first);
        assertThat(second.toJsonObject().getLong("time")).isEqualTo(1_250);
        assertThat(body.get(1_400)).isSameAs(second);
        assertThat(body.renders()).isEqualTo(2);
        assertThat(renders).isEqualTo(2);
    }

    @Test
    void aClockSteppingBackRendersAfresh() {
        CachedBody body = new CachedBody(250, this::render);
        Buffer first = body.get(10_000);
        assertThat(body.get(9_000)).isNotSameAs(first);
        assertThat(body.renders()).isEqualTo(2);
    }

    @Test
    void zeroMaxAgeRendersEveryTime() {
        CachedBody body = new CachedBody(0, this::render);
        body.get(1);
        body.get(1);
        assertThat(body.renders()).isEqualTo(2);
    }

    @Test
    void aNegativeMaxAgeIsRefusedNamingIt() {
        assertThatThrownBy(() -> new CachedBody(-1, this::render)).hasMessage("maxAgeMillis: expected >= 0, was -1");
    }
}
