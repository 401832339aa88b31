package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pins the Vert.x behaviour the market verticle relies on: a task queued with runOnContext after
 * publishing to a local consumer of the same context runs after that consumer saw the messages.
 */
@ExtendWith(VertxExtension.class)
class EventOrderTest {
    private static final String ADDRESS = "test.order";

    @Test
    void runOnContextAfterPublishRunsAfterTheLocalDelivery(Vertx vertx, VertxTestContext ctx) {
        List<String> seen = new ArrayList<>();
        vertx.deployVerticle(new AbstractVerticle() {
            @Override
            public void start() {
                vertx.eventBus().<String>localConsumer(ADDRESS, m -> seen.add(m.body()));
                vertx.setTimer(10, id -> {
                    for (int i = 0; i < 1_000; i++) {
                        vertx.eventBus().publish(ADDRESS, "m" + i);
                        if (i % 100 == 99) {
                            int n = i;
                            context.runOnContext(v -> seen.add("signal" + n));
                        }
                    }
                    context.runOnContext(v -> ctx.verify(() -> {
                        List<String> expected = new ArrayList<>();
                        for (int i = 0; i < 1_000; i++) {
                            expected.add("m" + i);
                            if (i % 100 == 99) {
                                expected.add("signal" + i);
                            }
                        }
                        assertThat(seen).isEqualTo(expected);
                        ctx.completeNow();
                    }));
                });
            }
        });
    }
}
