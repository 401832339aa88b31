package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face against raw TCP clients: slow headers are cut off, the token is checked before a body is read,
 * bodies over the limit get 413, and no client mistake writes a stack trace or an ERROR to the log.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpHardeningIT {
    private static final String TOKEN = "s3cret-token";
    private static final long HEADER_TIMEOUT_MILLIS = 700;
    private static final int MAX_BODY = 4_096;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Vertx vertx;
    private int port;

    @BeforeEach
    void start() throws Exception {
        logged.start();
        root().addAppender(logged);
        vertx = Vertx.vertx();
        StatusServer server = new StatusServer(
                new StatusServer.Settings(
                        "127.0.0.1",
                        0,
                        TOKEN,
                        "hardening-it",
                        ReadinessLimits.withStaleStreamMillis(120_000),
                        new HttpLimits(50, 60_000, HEADER_TIMEOUT_MILLIS, MAX_BODY)),
                Clock.systemUTC());
        vertx.deployVerticle(server).await(30, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        root().detachAppender(logged);
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void aClientThatTricklesItsHeadersIsDropped() throws Exception {
        try (RawHttp slow = new RawHttp(port)) {
            slow.send("GET /health/live HTTP/1.1\r\nHost: x\r\n");
            long start = System.nanoTime();
            boolean closed = false;
            // One header byte every 100 ms keeps the connection far from idle, but never completes the head.
            while (!closed && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
                try {
                    slow.send("X");
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                closed = slow.closedByServer(100);
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(closed).as("connection closed by the server").isTrue();
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(HEADER_TIMEOUT_MILLIS - 200);
        }
        // A client that sends its head at once is served.
        try (RawHttp fast = new RawHttp(port)) {
            String answer = fast.send("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .readUntilClosed(5_000);
            assertThat(answer).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void anUnauthenticatedPostIsRefusedBeforeItsBodyIsRead() throws Exception {
        // Only 100 of the 3500 announced bytes are sent: a server that read the body first would still wait.
        try (RawHttp client = new RawHttp(port)) {
            String answer = client.send("POST /subscriptions HTTP/1.1\r\nHost: x\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3500\r\n\r\n"
                            + "a=" + "x".repeat(98))
                    .readUntilClosed(5_000);
            assertThat(answer).startsWith("HTTP/1.1 401");
            assertThat(body(answer).getString("error")).startsWith("Authorization: expected 'Bearer <token>'");
        }
        // Far over the body limit, yet 401, not 413: the token comes first.
        try (RawHttp client = new RawHttp(port)) {
            String answer = client.send("POST /orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{")
                    .readUntilClosed(5_000);
            assertThat(answer).startsWith("HTTP/1.1 401");
        }
        // The whole 3.5 KB form, as in the report that found the stack trace.
        try (RawHttp client = new RawHttp(port)) {
            String answer = client.send("POST /subscriptions HTTP/1.1\r\nHost: x\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3500\r\n\r\n"
                            + "a=" + "x".repeat(3498))
                    .readUntilClosed(5_000);
            assertThat(answer).startsWith("HTTP/1.1 401");
        }
        assertNothingLoggedAtErrorOrWithAStackTrace();
    }

    @Test
    void anAuthenticatedFormPostGetsAJsonErrorNotAStackTrace() throws Exception {
        try (RawHttp client = new RawHttp(port)) {
            String answer = client.send("POST /subscriptions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3500\r\n"
                            + "Connection: close\r\n\r\n" + "a=" + "x".repeat(3498))
                    .readUntilClosed(5_000);
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(body(answer).getString("error")).startsWith("body: expected JSON");
        }
        assertNothingLoggedAtErrorOrWithAStackTrace();
    }

    @Test
    void bodiesOverTheLimitGet413WithAJsonError() throws Exception {
        String expected = "request body too large: at most " + MAX_BODY + " bytes (http.maxBodyBytes)";
        try (RawHttp client = new RawHttp(port)) {
            String answer = client.send("POST /orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + (MAX_BODY + 1) + "\r\n\r\n{")
                    .readUntilClosed(5_000);
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(body(answer).getString("error")).isEqualTo(expected);
        }
        // Chunked: no length up front, so the limit is enforced while reading.
        try (RawHttp client = new RawHttp(port)) {
            String chunk = "x".repeat(1_000);
            StringBuilder request =
                    new StringBuilder("POST /subscriptions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 6; i++) {
                request.append("3e8\r\n").append(chunk).append("\r\n");
            }
            String answer = client.send(request.toString()).readUntilClosed(5_000);
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(body(answer).getString("error")).isEqualTo(expected);
        }
        // A GET route is covered too.
        try (RawHttp client = new RawHttp(port)) {
            String answer = client.send("GET /status HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
                    .readUntilClosed(5_000);
            assertThat(answer).startsWith("HTTP/1.1 413");
        }
        assertNothingLoggedAtErrorOrWithAStackTrace();
    }

    @Test
    void oversizedHeadsAndUnknownPathsGetJsonErrorsInOurWords() throws Exception {
        try (RawHttp client = new RawHttp(port)) {
            String answer = client.send("GET /" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .readUntilClosed(5_000);
            // HTTP/1.0: the request line could not be read, so neither could its version.
            assertThat(answer).matches("(?s)HTTP/1\\.[01] 414 .*");
            assertThat(body(answer).getString("error")).startsWith("request line too long");
        }
        try (RawHttp client = new RawHttp(port)) {
            String answer = client.send("GET /status HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(9_000) + "\r\n\r\n")
                    .readUntilClosed(5_000);
            assertThat(answer).matches("(?s)HTTP/1\\.[01] 431 .*");
            assertThat(body(answer).getString("error")).startsWith("request headers too large");
        }
        try (RawHttp client = new RawHttp(port)) {
            String answer = client.send("GET /no/such/thing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .readUntilClosed(5_000);
            assertThat(answer).startsWith("HTTP/1.1 404");
            assertThat(body(answer).getString("error")).isEqualTo("no such resource");
        }
        try (RawHttp client = new RawHttp(port)) {
            String answer = client.send("POST /orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                            + "\r\nContent-Type: application/json\r\nContent-Length: 12\r\nConnection: close\r\n\r\n"
                            + "{\"side\":123}")
                    .readUntilClosed(5_000);
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(body(answer).getString("error"))
                    .isEqualTo("order.side: expected text, was 123")
                    .doesNotContain("io.candlebus", "java.", "com.fasterxml", "Exception");
        }
        assertNothingLoggedAtErrorOrWithAStackTrace();
    }

    private void assertNothingLoggedAtErrorOrWithAStackTrace() {
        List<ILoggingEvent> events = List.copyOf(logged.list);
        assertThat(events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)))
                .as("ERROR log events")
                .isEmpty();
        assertThat(events.stream().filter(e -> e.getThrowableProxy() != null))
                .as("log events with a stack trace")
                .isEmpty();
    }

    private static JsonObject body(String answer) {
        String text = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(text).doesNotContain("Exception", "io.vertx", "io.netty", "\tat ");
        return new JsonObject(text);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
