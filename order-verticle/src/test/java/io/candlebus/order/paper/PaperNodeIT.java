package io.candlebus.order.paper;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static io.candlebus.order.TestOrders.limit;
import static io.candlebus.order.TestOrders.market;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.PnlSnapshot;
import io.candlebus.contract.Side;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.order.OrderConfig;
import io.candlebus.order.OrderVerticle;
import io.candlebus.order.TestMarket;
import io.candlebus.order.TestOrders;
import io.candlebus.order.pnl.DailyLossLimit;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A paper order node as users run it: venue rules from the simulator's exchangeInfo, fills from the trades it
 * observes on {@code market.trades} (published by the test at a price it moves), PnL on {@code orders.pnl}.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PaperNodeIT {
    private final List<OrderEvent> events = new CopyOnWriteArrayList<>();
    private final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
    private final List<PnlSnapshot> pnl = new CopyOnWriteArrayList<>();
    private TestMarket market;

    @AfterEach
    void stop() {
        if (market != null) {
            market.stop();
        }
    }

    private void deploy(Vertx vertx, PaperSettings paper, DailyLossLimit limit) {
        Codecs.registerAll(vertx.eventBus());
        Promise<Void> registered = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> {
            EventBus bus = vertx.eventBus();
            Future.all(
                            bus.<OrderEvent>consumer(Addresses.ORDERS_EVENTS, m -> events.add(m.body()))
                                    .completion(),
                            bus.<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> heartbeats.add(m.body()))
                                    .completion(),
                            bus.<PnlSnapshot>consumer(Addresses.ORDERS_PNL, m -> pnl.add(m.body()))
                                    .completion())
                    .<Void>mapEmpty()
                    .onComplete(registered);
        });
        registered.future().await();
        market = TestMarket.start(vertx, BTCUSDT, "86000");
        OrderConfig config =
                OrderConfig.defaults().withEndpoints(market.endpoints()).withPaper(paper, limit);
        vertx.deployVerticle(new OrderVerticle(config, Clock.systemUTC(), "paper-node"))
                .await();
        // BTCUSDT is followed (an instrument without market data is refused) and its last price is the market's,
        // for the fat-finger guard. Published before any submit, so the order verticle sees it first.
        long minute = System.currentTimeMillis() / 60_000 * 60_000;
        vertx.eventBus().publish(Addresses.CANDLES_LIVE, TestOrders.candle(BTCUSDT, minute, "86000"));
    }

    private static OrderEvent submit(Vertx vertx, OrderRequest request) {
        return vertx.eventBus()
                .<OrderEvent>request(Addresses.ORDERS_SUBMIT, request)
                .await()
                .body();
    }

    private void awaitHeartbeats(int more) {
        int seen = heartbeats.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> heartbeats.size() >= seen + more);
    }

    @Test
    void aRestingLimitOrderIsNotFilledUntilTheMarketCrossesIt(Vertx vertx) {
        deploy(vertx, PaperSettings.defaults(), DailyLossLimit.OFF);
        OrderEvent resting = submit(vertx, limit("r-1", BTCUSDT, Side.BUY, "0.001", "80000"));
        assertThat(resting.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(resting.exchangeOrderId()).isEqualTo("paper-1");

        // Two heartbeats: about a hundred trades at 86000 seen, none fills a buy at 80000.
        awaitHeartbeats(2);
        assertThat(events).extracting(OrderEvent::status).containsExactly(OrderStatus.ACCEPTED);
        assertThat(heartbeats.get(heartbeats.size() - 1).counters()).containsEntry("openPaperOrders", 1L);

        market.price.set(new BigDecimal("79990.5"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.stream().anyMatch(e -> e.status() == OrderStatus.FILLED));
        OrderEvent filled = events.get(events.size() - 1);
        assertThat(filled.clientOrderId()).isEqualTo("r-1");
        assertThat(filled.price()).isEqualByComparingTo("80000");
        assertThat(filled.position()).isEqualByComparingTo("0.001");
        assertThat(filled.reason()).contains("(maker)").contains("fees 0.08 USDT");
        // A repeat of the id answers with where the order is now.
        assertThat(submit(vertx, limit("r-1", BTCUSDT, Side.BUY, "0.001", "80000"))
                        .status())
                .isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void aSpotSellWithoutTheBaseAssetIsRefused(Vertx vertx) {
        deploy(vertx, PaperSettings.defaults(), DailyLossLimit.OFF);
        OrderEvent event = submit(vertx, market("s-1", BTCUSDT, Side.SELL, "0.008", null));
        assertThat(event.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(event.reason()).contains("needs 0.008 BTC").contains("spot cannot go short");
        assertThat(event.position()).isEqualByComparingTo("0");
    }

    @Test
    void aMarketOrderSentWithPriceOneFillsAtTheMarketPlusSlippage(Vertx vertx) {
        deploy(vertx, PaperSettings.defaults(), DailyLossLimit.OFF);
        OrderEvent event = submit(vertx, market("m-1", BTCUSDT, Side.BUY, "0.001", "1"));
        assertThat(event.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(event.price()).isEqualByComparingTo("86043"); // 86000 + 5 bps
        assertThat(event.reason()).contains("own price is ignored");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> pnl.stream().anyMatch(p -> !p.instruments().isEmpty()));
        PnlSnapshot.Line line = pnl.stream()
                .filter(p -> !p.instruments().isEmpty())
                .findFirst()
                .orElseThrow()
                .instruments()
                .get(0);
        assertThat(line.instrument()).isEqualTo(BTCUSDT);
        assertThat(line.position()).isEqualByComparingTo("0.001");
        assertThat(line.fees()).isEqualByComparingTo("0.086043");
    }

    @Test
    void aDailyLossPastTheLimitTripsTheKillSwitchWhichCancelsOpenOrdersAndRefusesNewOnes(Vertx vertx) {
        deploy(
                vertx,
                PaperSettings.defaults().withSlippageBps(BigDecimal.ZERO),
                new DailyLossLimit(Map.of("USDT", BigDecimal.ONE)));
        assertThat(submit(vertx, limit("d-1", BTCUSDT, Side.BUY, "0.001", "80000"))
                        .status())
                .isEqualTo(OrderStatus.ACCEPTED);
        assertThat(submit(vertx, market("d-2", BTCUSDT, Side.BUY, "0.001", null))
                        .price())
                .isEqualByComparingTo("86000");
        market.price.set(new BigDecimal("85000"));
        awaitHeartbeats(1);
        // Sold 1 USDT lower, plus two 0.1 % taker fees: realised about -1.17 USDT, past the 1 USDT limit.
        assertThat(submit(vertx, market("d-3", BTCUSDT, Side.SELL, "0.001", null))
                        .status())
                .isEqualTo(OrderStatus.FILLED);

        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                .anyMatch(e -> e.clientOrderId().equals("d-1") && e.status() == OrderStatus.CANCELLED));
        OrderEvent cancelled = events.stream()
                .filter(e -> e.status() == OrderStatus.CANCELLED)
                .findFirst()
                .orElseThrow();
        assertThat(cancelled.reason())
                .startsWith("paper: cancelled by the kill switch: daily loss limit order.risk.maxDailyLoss.USDT 1"
                        + " exceeded: realised PnL on ");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> heartbeats.stream().anyMatch(h -> h.counters().get("killSwitch") == 1));
        assertThatThrownBy(() -> submit(vertx, market("d-4", BTCUSDT, Side.BUY, "0.001", null)))
                .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.getMessage())
                        .startsWith(
                                "orders.submit: kill switch tripped: daily loss limit order.risk.maxDailyLoss.USDT"));
    }
}
