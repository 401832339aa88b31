package io.candlebus.launcher.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.function.LongFunction;

/**
 * A JSON body rendered at most once per {@code maxAgeMillis} and served as the same bytes in between, so a
 * client polling {@code /status} thousands of times a second costs one rendering per period, not one per
 * request. Its content is as of its {@code time} field: at most {@code maxAgeMillis} old. Used on one event
 * loop only.
 */
final class CachedBody {
    private final long maxAgeMillis;
    private final LongFunction<JsonObject> render;
    private Buffer body;
    private long renderedAt;
    private long renders;

    /** Caches what {@code render} returns for a given wall-clock time, for {@code maxAgeMillis}. */
    CachedBody(long maxAgeMillis, LongFunction<JsonObject> render) {
        if (maxAgeMillis < 0) {
            throw new IllegalArgumentException("maxAgeMillis: expected >= 0, was " + maxAgeMillis);
        }
        this.maxAgeMillis = maxAgeMillis;
        this.render = render;
    }

    /** Returns the body rendered within {@code maxAgeMillis} before {@code now}, rendering it afresh if none is. */
    Buffer get(long now) {
        // A clock stepping back renders afresh too, rather than serving a body from the future for long.
        if (body == null || now - renderedAt >= maxAgeMillis || now < renderedAt) {
            body = render.apply(now).toBuffer();
            renderedAt = now;
            renders++;
        }
        return body;
    }

    /** Returns how many times the body was rendered (for tests and the benchmark's notes). */
    long renders() {
        return renders;
    }
}
