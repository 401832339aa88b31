package io.candlebus.sim.v1family;

import io.candlebus.sim.wire.JsonWriter;
import java.util.function.Consumer;

/** The error body both venues of the Upbit v1 family write, on REST and on the websocket. */
public final class V1Json {
    private V1Json() {}

    /** Returns {@code {"error":{"name":...,"message":...}}}. */
    public static String error(String name, String message) {
        return error(w -> w.value(name), message);
    }

    /** Returns {@code {"error":{"name":404,"message":...}}}: an HTTP status, as a number, in place of a name. */
    public static String error(int status, String message) {
        return error(w -> w.value(status), message);
    }

    private static String error(Consumer<JsonWriter> name, String message) {
        JsonWriter w =
                new JsonWriter().beginObject().name("error").beginObject().name("name");
        name.accept(w);
        return w.name("message").value(message).endObject().endObject().toString();
    }
}
