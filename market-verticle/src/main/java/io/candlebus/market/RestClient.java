package io.candlebus.market;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;

/**
 * Fetches venue REST resources with a timeout. A non-2xx status fails with a {@link RestException}
 * carrying the status and any Retry-After, so callers can back off as the venue asks.
 */
public final class RestClient {
    private static final long TIMEOUT_MILLIS = 10_000;
    /** Binance's answer header with the request weight used in the current minute. */
    static final String USED_WEIGHT = "X-MBX-USED-WEIGHT-1M";

    private final WebClient client;
    private long requests;
    private long failures;
    private long lastUsedWeight = -1;

    public RestClient(WebClient client) {
        this.client = client;
    }

    /** Hears the status and headers of every answer, 2xx or not (a venue's rate-limit headers). */
    @FunctionalInterface
    public interface Answered {
        void answered(int status, MultiMap headers);
    }

    /** GETs {@code url} with the query parameters (in order) and returns the body bytes. */
    public Future<byte[]> get(String url, Map<String, String> query) {
        return get(url, query, (status, headers) -> {});
    }

    /** Like {@link #get(String, Map)}, telling {@code answered} the status and headers of the answer first. */
    public Future<byte[]> get(String url, Map<String, String> query, Answered answered) {
        requests++;
        HttpRequest<Buffer> request = client.getAbs(url).timeout(TIMEOUT_MILLIS);
        query.forEach(request::addQueryParam);
        return request.send().transform(ar -> {
            if (ar.failed()) {
                failures++;
                return Future.failedFuture(new RestException(0, 0, url + ": " + ar.cause()));
            }
            HttpResponse<Buffer> response = ar.result();
            lastUsedWeight = usedWeight(response.getHeader(USED_WEIGHT), lastUsedWeight);
            int status = response.statusCode();
            answered.answered(status, response.headers());
            Buffer body = response.body();
            if (status / 100 != 2) {
                failures++;
                return Future.failedFuture(new RestException(
                        status,
                        retryAfter(response.getHeader("Retry-After")),
                        url + " " + query + ": HTTP " + status + " "
                                + BadInputCounter.truncate(body == null ? "" : body.toString())));
            }
            return Future.succeededFuture(body == null ? new byte[0] : body.getBytes());
        });
    }

    /** Returns how many requests were sent. */
    public long requests() {
        return requests;
    }

    /** Returns how many requests failed (no response or a non-2xx status). */
    public long failures() {
        return failures;
    }

    /**
     * Returns the {@code X-MBX-USED-WEIGHT-1M} of the last answer that carried one (Binance sends it on
     * every answer, 429 and 418 included), -1 if none did.
     */
    public long lastUsedWeight() {
        return lastUsedWeight;
    }

    private static long usedWeight(String header, long previous) {
        if (header == null) {
            return previous;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return previous;
        }
    }

    private static long retryAfter(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim()) * 1000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
