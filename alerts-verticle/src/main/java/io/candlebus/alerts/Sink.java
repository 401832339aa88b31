package io.candlebus.alerts;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** Where alerts go: a URL and how one alert becomes the JSON bodies posted to it. */
interface Sink {
    /** The name in counters and logs: {@code webhook}, {@code telegram}, {@code discord}. */
    String name();

    /** The URL posted to. It may hold a credential: never log it. */
    String url();

    /** The JSON bodies for one alert, in order (more than one when the text is split). */
    List<JsonObject> bodies(Alert alert, String node);

    /** Text that must never reach a log, an error message or a heartbeat (token, URL paths). */
    List<String> secrets();
}
