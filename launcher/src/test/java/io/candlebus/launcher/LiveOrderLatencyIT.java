package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import io.candlebus.contract.Signal;
import io.candlebus.order.ClientOrderIds;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.orders.SimAccounts;
import io.candlebus.sim.orders.SimVenue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures live mode's signal-to-acknowledgement latency through the simulator: from a signal published on
 * {@code signals} to the first {@code orders.events} event of its order, which the order component publishes
 * once the venue's answer is in and journaled (so the time holds two fsyncs: the intent before the send and
 * the answer after). One signal at a time; {@code -Dlatency.signals=N} per venue (default 200). Prints
 * {@code live-order-latency venue=... n=... p50=...ms p99=...ms max=...ms}.
 */
class LiveOrderLatencyIT {
    private static final Map<String, String> SIM_KEYS = Map.of(
            "CANDLEBUS_BITHUMB_ACCESS_KEY", SimAccounts.BITHUMB_ACCESS_KEY,
            "CANDLEBUS_BITHUMB_SECRET_KEY", SimAccounts.BITHUMB_SECRET_KEY,
            "CANDLEBUS_BINANCE_API_KEY", SimAccounts.BINANCE_API_KEY,
            "CANDLEBUS_BINANCE_API_SECRET", SimAccounts.BINANCE_API_SECRET);

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void signalToVenueAcknowledgementThroughTheSimulator(@TempDir Path data) throws Exception {
        int signals = Integer.getInteger("latency.signals", 200);
        Instrument bithumb = Instrument.parse("bithumb:spot:KRW-BTC");
        Instrument binance = Instrument.parse("binance:spot:BTCUSDT");
        JsonObject tree = new JsonObject()
                .put("node", "latency-it")
                .put("roles", "market,order")
                .put("recorder", new JsonObject().put("dataDir", data.toString()))
                .put(
                        "market",
                        new JsonObject()
                                .put(
                                        "instruments",
                                        new JsonArray().add(bithumb.key()).add(binance.key())))
                .put(
                        "order",
                        new JsonObject()
                                .put("mode", "live")
                                .put("maxOrdersPerMinute", 1_000_000)
                                .put("pollMillis", 1000));
        BlockingQueue<OrderEvent> events = new ArrayBlockingQueue<>(100_000);
        Queue<Heartbeat> heartbeats = new ConcurrentLinkedQueue<>();
        Node node = Node.start(AppConfig.fromJson(tree, SIM_KEYS), vertx -> {
                    vertx.eventBus().<OrderEvent>consumer(Addresses.ORDERS_EVENTS, m -> events.add(m.body()));
                    vertx.eventBus().<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> heartbeats.add(m.body()));
                })
                .await(60, TimeUnit.SECONDS);
        try {
            // Signals are dropped until the order component has reconciled (and read the balances): wait for it.
            await().atMost(Duration.ofSeconds(30)).until(() -> heartbeats.stream()
                    .anyMatch(h -> h.component().equals("order") && h.state().equals("live")));
            ExchangeSimulator sim = node.simulator();
            for (Instrument instrument : List.of(bithumb, binance)) {
                List<Long> micros = new ArrayList<>();
                for (int i = 0; i < signals + 20; i++) {
                    // Alternate sides so the position stays within the risk limit.
                    Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
                    long openTime = sim.clock().millis() - 60_000;
                    String id = Signal.idOf("latency", instrument, Interval.M1, openTime + i, side);
                    Signal signal = new Signal(
                            id,
                            "latency",
                            instrument,
                            Interval.M1,
                            openTime,
                            side,
                            sim.orders().lastPrice(instrument),
                            "latency probe",
                            sim.clock().millis());
                    String clientOrderId = ClientOrderIds.forSignal(id);
                    long start = System.nanoTime();
                    node.vertx().eventBus().publish(Addresses.SIGNALS, signal);
                    OrderEvent first;
                    do {
                        first = events.poll(30, TimeUnit.SECONDS);
                        assertThat(first).as("an event for signal %d", i).isNotNull();
                    } while (!first.clientOrderId().equals(clientOrderId));
                    long took = (System.nanoTime() - start) / 1_000;
                    assertThat(first.status()).as(first.reason()).isIn(OrderStatus.ACCEPTED, OrderStatus.FILLED);
                    if (i >= 20) {
                        // The first 20 warm the JIT and the connections up.
                        micros.add(took);
                    }
                }
                Collections.sort(micros);
                System.out.printf(
                        "live-order-latency venue=%s n=%d p50=%.2fms p99=%.2fms max=%.2fms%n",
                        instrument.key(),
                        micros.size(),
                        micros.get(micros.size() / 2) / 1000.0,
                        micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0,
                        micros.get(micros.size() - 1) / 1000.0);
                SimVenue venue = instrument == bithumb ? SimVenue.BITHUMB : SimVenue.BINANCE_SPOT;
                String key = instrument == bithumb ? SimAccounts.BITHUMB_ACCESS_KEY : SimAccounts.BINANCE_API_KEY;
                assertThat(sim.orders().orders(sim.orders().account(venue, key).orElseThrow()))
                        .as("one order per signal at %s", venue)
                        .hasSize(signals + 20);
            }
        } finally {
            node.close().await(30, TimeUnit.SECONDS);
        }
    }
}
