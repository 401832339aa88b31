package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a {@link FeedConnection} against a scripted websocket server on port 0: what a listener is told
 * of each message (its text, its size on the wire, the data time before it) and that retiring the
 * connection closes it without a report.
 */
@ExtendWith(VertxExtension.class)
class FeedConnectionIT {
    private static final long T0 = 1_767_225_600_000L;
    private static final int MAX_MESSAGE_BYTES = 1_000;

    /** One message as the listener saw it. */
    private record Seen(String text, long bytes, long dataBefore, long dataSince) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> lost = new CopyOnWriteArrayList<>();
    private final SettableClock clock = new SettableClock(T0);
    private Context context;
    private FeedConnection link;

    @Test
    void decodesOnlyAPreviewOfAnOversizedBinaryMessageAndTellsTheDataTimeBeforeEach(Vertx vertx) throws Exception {
        String url = serve(vertx);
        open(vertx, url);

        send("small");
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 1);
        clock.set(T0 + 7_000);
        send("big");
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 2);
        clock.set(T0 + 9_000);
        send("text");
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 3);

        // The first message's data time before it is the opening.
        assertThat(seen.get(0)).isEqualTo(new Seen("hello", 5, T0, T0));
        assertThat(seen.get(1).text()).as("preview of 5000 bytes").hasSize(512);
        assertThat(seen.get(1).bytes()).isEqualTo(5_000);
        assertThat(seen.get(1).dataBefore()).isEqualTo(T0);
        assertThat(seen.get(1).dataSince()).isEqualTo(T0 + 7_000);
        assertThat(seen.get(2)).isEqualTo(new Seen("h\u00e9llo", 6, T0 + 7_000, T0 + 9_000));
        assertThat(lost).isEmpty();
    }

    @Test
    void retiringClosesTheSocketWithoutAReport(Vertx vertx) throws Exception {
        String url = serve(vertx);
        open(vertx, url);

        CompletableFuture<Boolean> closed = new CompletableFuture<>();
        context.runOnContext(v -> link.retire().onComplete(ar -> closed.complete(ar.succeeded() && !link.isOpen())));
        assertThat(closed.get(20, TimeUnit.SECONDS)).as("retired and closed").isTrue();
        assertThat(lost).isEmpty();
    }

    /** Starts a server that answers "small", "big" and "text" with such a message; returns its url. */
    private static String serve(Vertx vertx) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .webSocketHandler(ws -> ws.textMessageHandler(request -> {
                    switch (request) {
                        case "small" -> ws.writeBinaryMessage(Buffer.buffer("hello"));
                        case "big" -> ws.writeBinaryMessage(Buffer.buffer("x".repeat(5_000)));
                        default -> ws.writeTextMessage("h\u00e9llo");
                    }
                }));
        int port = server.listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .actualPort();
        return "ws://127.0.0.1:" + port + "/";
    }

    private void open(Vertx vertx, String url) throws Exception {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            FeedConnection.Listener listener = new FeedConnection.Listener() {
                @Override
                public void onOpen() {
                    opened.complete(null);
                }

                @Override
                public void onMessage(byte[] utf8, long bytes) {
                    seen.add(new Seen(
                            new String(utf8, StandardCharsets.UTF_8), bytes, link.dataBefore(), link.dataSince()));
                }

                @Override
                public void onLost(String reason, long retryAfterMillis) {
                    lost.add(reason);
                    opened.completeExceptionally(new IllegalStateException(reason));
                }
            };
            link = new FeedConnection(
                    vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(1 << 20)),
                    clock,
                    listener,
                    MAX_MESSAGE_BYTES);
            link.connect(url);
        });
        opened.get(20, TimeUnit.SECONDS);
    }

    private void send(String request) {
        context.runOnContext(v -> link.socket().writeTextMessage(request));
    }
}
