package io.candlebus.order;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static io.candlebus.order.TestOrders.market;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.KillSwitchCommand;
import io.candlebus.contract.KillSwitchState;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import io.candlebus.contract.Signal;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.order.paper.PaperSettings;
import io.candlebus.order.pnl.DailyLossLimit;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OrderVerticleIT {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_006_400_000L), ZoneOffset.UTC);

    private final List<OrderEvent> events = new CopyOnWriteArrayList<>();
    private final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();

    private TestMarket market;

    @AfterEach
    void stopMarket() {
        if (market != null) {
            market.stop();
        }
    }

    /**
     * Deploys a paper node reading its venue rules from the simulator, without slippage, seeing BTCUSDT trade at
     * 86900.10 (signals and MARKET orders fill there, whatever their own price).
     */
    private void deploy(Vertx vertx, OrderConfig base) {
        Codecs.registerAll(vertx.eventBus());
        market = TestMarket.start(vertx, BTCUSDT, "86900.10");
        OrderConfig config = base.withEndpoints(market.endpoints())
                .withPaper(PaperSettings.defaults().withSlippageBps(BigDecimal.ZERO), DailyLossLimit.OFF);
        // One context for both collectors: once a heartbeat counts a message, its events have arrived.
        Promise<Void> registered = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> {
            EventBus bus = vertx.eventBus();
            Future.all(
                            bus.<OrderEvent>consumer(Addresses.ORDERS_EVENTS, m -> events.add(m.body()))
                                    .completion(),
                            bus.<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> heartbeats.add(m.body()))
                                    .completion())
                    .<Void>mapEmpty()
                    .onComplete(registered);
        });
        registered.future().await();
        vertx.deployVerticle(new OrderVerticle(config, CLOCK, "node-1")).await();
        // BTCUSDT is followed: its market data flows (an instrument without any is refused).
        vertx.eventBus().publish(Addresses.CANDLES_LIVE, TestOrders.candle(BTCUSDT, 1_700_006_400_000L, "87000"));
        awaitHeartbeat(c -> c.containsKey("signals"));
    }

    private static Signal signal(long openTime, Side side, String price) {
        String rule = side == Side.BUY ? "band_lower" : "band_upper";
        return new Signal(
                Signal.idOf(rule, BTCUSDT, Interval.M1, openTime, side),
                rule,
                BTCUSDT,
                Interval.M1,
                openTime,
                side,
                new BigDecimal(price),
                "test",
                CLOCK.millis());
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static OrderEvent submit(Vertx vertx, Object body) throws Exception {
        Message<OrderEvent> reply = get(vertx.eventBus().request(Addresses.ORDERS_SUBMIT, body));
        return reply.body();
    }

    private Heartbeat awaitHeartbeat(Predicate<Map<String, Long>> counters) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> heartbeats.stream().anyMatch(h -> counters.test(h.counters())));
        return heartbeats.stream()
                .filter(h -> counters.test(h.counters()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aSignalPublishedTwiceYieldsExactlyOneFill(Vertx vertx) {
        deploy(vertx, OrderConfig.defaults());
        Signal signal = signal(1_700_006_400_000L, Side.BUY, "86900.10");
        vertx.runOnContext(v -> {
            vertx.eventBus().publish(Addresses.SIGNALS, signal);
            vertx.eventBus().publish(Addresses.SIGNALS, signal);
            vertx.eventBus().publish(Addresses.SIGNALS, signal);
        });

        Heartbeat heartbeat = awaitHeartbeat(c -> c.get("signals") == 3);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.clientOrderId()).isEqualTo(ClientOrderIds.forSignal(signal.id()));
            assertThat(e.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(e.side()).isEqualTo(Side.BUY);
            assertThat(e.price()).isEqualByComparingTo("86900.10");
            assertThat(e.quantity()).isEqualByComparingTo("0.001");
            assertThat(e.position()).isEqualByComparingTo("0.001");
            assertThat(e.exchangeOrderId()).isEqualTo("paper-1");
            assertThat(e.paper()).isTrue();
        });
        assertThat(heartbeat.component()).isEqualTo("order");
        assertThat(heartbeat.node()).isEqualTo("node-1");
        assertThat(heartbeat.counters())
                .containsAllEntriesOf(
                        Map.of("signals", 3L, "orders", 1L, "fills", 1L, "duplicates", 2L, "rejects", 0L));
    }

    @Test
    void submittingTheSameClientOrderIdAgainRepliesWithTheOriginalResult(Vertx vertx) throws Exception {
        deploy(vertx, OrderConfig.defaults());
        OrderEvent first = submit(vertx, market("c-1", BTCUSDT, Side.BUY, "0.001", "87000"));
        OrderEvent again = submit(vertx, market("c-1", BTCUSDT, Side.BUY, "0.001", "87000"));

        assertThat(again).isEqualTo(first);
        assertThat(first.status()).isEqualTo(OrderStatus.FILLED);
        assertThatThrownBy(() -> submit(vertx, market("c-1", BTCUSDT, Side.BUY, "0.002", "87000")))
                .cause()
                .isInstanceOfSatisfying(ReplyException.class, e -> {
                    assertThat(e.failureCode()).isEqualTo(FailureCode.CONFLICT.code());
                    assertThat(e.getMessage()).startsWith("orders.submit: order.quantity: client order id 'c-1' was");
                });
        awaitHeartbeat(c -> c.get("submits") == 3 && c.get("conflicts") == 1);
        assertThat(events).containsExactly(first);
    }

    @Test
    void anInstrumentWithoutMarketDataIsRefusedNamingIt(Vertx vertx) {
        deploy(vertx, OrderConfig.defaults());
        assertThatThrownBy(() -> submit(
                        vertx, market("d-1", Instrument.parse("binance:spot:DOGEUSDT"), Side.BUY, "0.001", "0.1")))
                .cause()
                .isInstanceOfSatisfying(ReplyException.class, e -> {
                    assertThat(e.failureCode()).isEqualTo(FailureCode.REJECTED.code());
                    assertThat(e.getMessage())
                            .isEqualTo("orders.submit: order.instrument: binance:spot:DOGEUSDT is not followed by this"
                                    + " deployment (no candle of it on candles.live or candles.closed in the last"
                                    + " 180 s); follow it first (POST /subscriptions)");
                });
        assertThat(events).isEmpty();
    }

    @Test
    void ordersAreQueriedNewestFirstAndAFilledOneCancelsToItsFinalEvent(Vertx vertx) throws Exception {
        deploy(vertx, OrderConfig.defaults());
        OrderEvent first = submit(vertx, market("q-1", BTCUSDT, Side.BUY, "0.001", "87000"));
        OrderEvent second = submit(vertx, market("q-2", BTCUSDT, Side.BUY, "0.002", "87000"));

        JsonObject listed = new JsonObject(
                get(vertx.eventBus().<String>request(Addresses.ORDERS_QUERY, new JsonObject().put("query", "orders")))
                        .body());
        assertThat(listed.getJsonArray("orders").stream()
                        .map(o -> ((JsonObject) o).getString("clientOrderId"))
                        .toList())
                .containsExactly("q-2", "q-1");
        OrderEvent one = get(vertx.eventBus()
                        .<OrderEvent>request(
                                Addresses.ORDERS_QUERY,
                                new JsonObject().put("query", "order").put("clientOrderId", "q-1")))
                .body();
        assertThat(one).isEqualTo(first);
        assertThat(new JsonObject(get(vertx.eventBus()
                                        .<String>request(
                                                Addresses.ORDERS_QUERY, new JsonObject().put("query", "positions")))
                                .body())
                        .getJsonObject("positions")
                        .getString("binance:spot:BTCUSDT"))
                .isEqualTo(second.position().toPlainString());
        assertThat(get(vertx.eventBus().<OrderEvent>request(Addresses.ORDERS_CANCEL, "q-2"))
                        .body())
                .isEqualTo(second);
        assertThatThrownBy(() -> get(vertx.eventBus().request(Addresses.ORDERS_CANCEL, "nope")))
                .cause()
                .isInstanceOfSatisfying(ReplyException.class, e -> {
                    assertThat(e.failureCode()).isEqualTo(FailureCode.NOT_FOUND.code());
                    assertThat(e.getMessage()).isEqualTo("orders.cancel: no order with client order id 'nope'");
                });
    }

    @Test
    void aSignalAndASubmitWithItsClientOrderIdPlaceOneOrder(Vertx vertx) throws Exception {
        deploy(vertx, OrderConfig.defaults());
        Signal signal = signal(1_700_006_460_000L, Side.SELL, "87500");
        vertx.eventBus().publish(Addresses.SIGNALS, signal);
        awaitHeartbeat(c -> c.get("signals") == 1);

        OrderEvent reply =
                submit(vertx, market(ClientOrderIds.forSignal(signal.id()), BTCUSDT, Side.SELL, "0.001", "87500"));
        assertThat(reply).isEqualTo(events.get(0));
        assertThat(events).hasSize(1);
    }

    @Test
    void positionsAccumulateOverFills(Vertx vertx) throws Exception {
        deploy(vertx, OrderConfig.defaults());
        assertThat(submit(vertx, market("c-1", BTCUSDT, Side.BUY, "0.001", "87000"))
                        .position())
                .isEqualByComparingTo("0.001");
        assertThat(submit(vertx, market("c-2", BTCUSDT, Side.BUY, "0.002", "87010"))
                        .position())
                .isEqualByComparingTo("0.003");
        OrderEvent third = submit(vertx, market("c-3", BTCUSDT, Side.SELL, "0.0005", "87020"));
        assertThat(third.position()).isEqualByComparingTo("0.0025");
        assertThat(third.exchangeOrderId()).isEqualTo("paper-3");

        awaitHeartbeat(c -> c.get("fills") == 3);
        assertThat(events).extracting(OrderEvent::clientOrderId).containsExactly("c-1", "c-2", "c-3");
    }

    @Test
    void aBadRequestFailsWithInvalidNamingTheField(Vertx vertx) {
        deploy(vertx, OrderConfig.defaults());
        JsonObject bad = new JsonObject()
                .put("clientOrderId", "c-1")
                .put("instrument", "binance:spot:BTCUSDT")
                .put("side", "BUY")
                .put("type", "MARKET")
                .put("quantity", "-1");

        ExecutionException failure =
                org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> submit(vertx, bad));
        assertThat(failure.getCause()).isInstanceOfSatisfying(ReplyException.class, e -> {
            assertThat(e.failureCode()).isEqualTo(FailureCode.INVALID.code());
            assertThat(e.getMessage()).isEqualTo("orders.submit: order.quantity: expected > 0, was -1");
        });
        ExecutionException wrongBody = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> submit(vertx, "buy please"));
        assertThat(wrongBody.getCause()).isInstanceOfSatisfying(ReplyException.class, e -> {
            assertThat(e.failureCode()).isEqualTo(FailureCode.INVALID.code());
            assertThat(e.getMessage()).contains("expected an OrderRequest or a JSON object, was String");
        });
        awaitHeartbeat(c -> c.get("invalid") == 2);
        assertThat(events).isEmpty();
    }

    @Test
    void aRiskViolationIsARejectedEventThatNamesTheLimit(Vertx vertx) throws Exception {
        deploy(vertx, OrderConfig.defaults());
        OrderEvent event = submit(vertx, market("c-1", BTCUSDT, Side.BUY, "0.5", "87000"));

        assertThat(event.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(event.reason()).startsWith("risk limit maxOrderQuantity: order quantity 0.5 exceeds 0.01");
        assertThat(event.position()).isEqualByComparingTo("0");
        assertThat(event.filledQuantity()).isEqualByComparingTo("0");
        awaitHeartbeat(c -> c.get("rejects") == 1);
        assertThat(events).containsExactly(event);
    }

    @Test
    void signalsPlaceNoOrderWhenTradingSignalsIsOff(Vertx vertx) {
        OrderConfig d = OrderConfig.defaults();
        deploy(
                vertx,
                new OrderConfig(
                        d.mode(),
                        false,
                        d.maxOrdersPerMinute(),
                        d.maxSignalAgeMillis(),
                        d.defaultSettings(),
                        Map.of()));
        vertx.eventBus().publish(Addresses.SIGNALS, signal(1_700_006_400_000L, Side.BUY, "86900"));

        awaitHeartbeat(c -> c.get("signals") == 1);
        assertThat(events).isEmpty();
    }

    @Test
    void signalsFromCandlesThatClosedLongAgoPlaceNoOrder(Vertx vertx) {
        deploy(vertx, OrderConfig.defaults());
        // Closed two minutes before the clock: history replayed at start-up, not actionable.
        vertx.eventBus().publish(Addresses.SIGNALS, signal(1_700_006_220_000L, Side.BUY, "86900"));

        awaitHeartbeat(c -> c.get("staleSignals") == 1 && c.get("signals") == 1);
        assertThat(events).isEmpty();
    }

    @Test
    void aTrippedKillSwitchRefusesSignalsAndSubmitsUntilCleared(Vertx vertx) throws Exception {
        deploy(vertx, OrderConfig.defaults());
        awaitHeartbeat(c -> c.get("killSwitch") == 0);
        KillSwitchState tripped = get(vertx.eventBus()
                        .<KillSwitchState>request(
                                Addresses.ORDERS_KILL,
                                new KillSwitchCommand(KillSwitchCommand.Action.TRIP, "it: halt")))
                .body();
        assertThat(tripped).isEqualTo(new KillSwitchState(true, "it: halt", CLOCK.millis()));

        vertx.eventBus().publish(Addresses.SIGNALS, signal(1_700_006_400_000L, Side.BUY, "86900"));
        assertThatThrownBy(() -> submit(vertx, market("k-1", BTCUSDT, Side.BUY, "0.001", "87000")))
                .hasCauseInstanceOf(ReplyException.class)
                .hasMessageContaining("orders.submit: kill switch tripped: it: halt");
        Heartbeat killed = awaitHeartbeat(c -> c.get("refusedKillSwitch") == 2 && c.get("killSwitch") == 1);
        assertThat(killed.state()).isEqualTo("killed");
        assertThat(events).isEmpty();

        KillSwitchState cleared = get(vertx.eventBus()
                        .<KillSwitchState>request(
                                Addresses.ORDERS_KILL,
                                new KillSwitchCommand(KillSwitchCommand.Action.CLEAR, "it: resume")))
                .body();
        assertThat(cleared.tripped()).isFalse();
        assertThat(submit(vertx, market("k-1", BTCUSDT, Side.BUY, "0.001", "87000"))
                        .status())
                .isEqualTo(OrderStatus.FILLED);
        assertThat(awaitHeartbeat(c -> c.get("killSwitch") == 0 && c.get("orders") == 1)
                        .state())
                .isEqualTo("live");
    }
}
