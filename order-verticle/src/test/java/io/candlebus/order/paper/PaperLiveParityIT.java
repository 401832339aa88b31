package io.candlebus.order.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.order.ApiCredentials;
import io.candlebus.order.ClientOrderIds;
import io.candlebus.order.OrderEndpoints;
import io.candlebus.order.TestOrders;
import io.candlebus.order.binance.BinanceOrderClient;
import io.candlebus.order.binance.BinanceSigner;
import io.candlebus.order.journal.OrderJournalFile;
import io.candlebus.order.live.LiveBroker;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.orders.SimAccount;
import io.candlebus.sim.orders.SimAccounts;
import io.candlebus.sim.orders.SimOrder;
import io.candlebus.sim.orders.SimVenue;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paper/live parity: one order sequence goes through the paper broker and through the live broker against the
 * simulator's private endpoints; the paper broker reads the same venue rules (the simulator's exchangeInfo) and
 * observes the simulator's last traded price every 10 ms.
 *
 * <p>Expected equal: every order's outcome (FILLED, ACCEPTED = resting, REJECTED naming the same filter) and
 * filled quantity. Fill prices agree within {@link #PRICE_TOLERANCE} (0.5 %): the paper broker fills a MARKET
 * order at the next price it observes and the simulator at its own last trade, a few simulated seconds apart at
 * 10x; slippage is off for the comparison. Not compared: fees' asset (the simulator charges a spot buy's fee in
 * the base asset as Binance does, the paper account in the quote) and balances (separate accounts).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PaperLiveParityIT {
    /** Largest relative difference between a paper and a live fill price. */
    static final double PRICE_TOLERANCE = 0.005;

    private static final Instrument SPOT = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument USDM = Instrument.parse("binance:usdm:BTCUSDT");
    private static final ApiCredentials KEYS =
            new ApiCredentials(SimAccounts.BINANCE_API_KEY, SimAccounts.BINANCE_API_SECRET);

    @TempDir
    Path dir;

    private Context context;

    private <T> T on(Supplier<Future<T>> work) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> work.get().onComplete(promise));
        return promise.future().await();
    }

    /** One step of the sequence: the order's parameters, with a fresh id for each broker. */
    private record Step(Instrument instrument, Side side, boolean market, String quantity, String price) {
        OrderRequest request() {
            String id = ClientOrderIds.forSignal(UUID.randomUUID().toString());
            return market
                    ? TestOrders.market(id, instrument, side, quantity, price)
                    : TestOrders.limit(id, instrument, side, quantity, price);
        }
    }

    @Test
    void oneOrderSequenceEndsTheSameOnPaperAndLiveAgainstTheSimulator(Vertx vertx) throws Exception {
        Codecs.registerAll(vertx.eventBus());
        ExchangeSimulator sim = ExchangeSimulator.start(
                        vertx, SimConfig.defaults().withSeed(21).withSpeed(10).withHistoryMinutes(60))
                .await();
        context = vertx.getOrCreateContext();
        WebClient client = WebClient.create(vertx);
        OrderEndpoints endpoints = new OrderEndpoints(
                sim.bithumbRestUrl(),
                sim.binanceRestUrl(Market.SPOT),
                sim.binanceRestUrl(Market.USDM),
                sim.binanceRestUrl(Market.COINM));
        RulesBook rules = new RulesBook(client, endpoints);
        PaperBroker paper =
                new PaperBroker(sim.clock(), TestPaper.noSlippage(), rules::rules, e -> {}, (i, s, q, p, f, t) -> {});
        OrderJournalFile journal = OrderJournalFile.open(dir);
        LiveBroker.Settings settings = new LiveBroker.Settings(2_000, 5_000, 2_000, 100);
        LiveBroker liveSpot = new LiveBroker(
                vertx,
                settings,
                new BinanceOrderClient(
                        client,
                        sim.binanceRestUrl(Market.SPOT),
                        Market.SPOT,
                        new BinanceSigner(KEYS),
                        sim.clock(),
                        60_000),
                journal,
                sim.clock());
        LiveBroker liveUsdm = new LiveBroker(
                vertx,
                settings,
                new BinanceOrderClient(
                        client,
                        sim.binanceRestUrl(Market.USDM),
                        Market.USDM,
                        new BinanceSigner(KEYS),
                        sim.clock(),
                        60_000),
                journal,
                sim.clock());
        // The paper broker sees what the market verticle would publish: the simulator's last trade price.
        context.runOnContext(v -> vertx.setPeriodic(10, id -> {
            paper.observe(SPOT, sim.orders().lastPrice(SPOT), null);
            paper.observe(USDM, sim.orders().lastPrice(USDM), null);
        }));

        BigDecimal last = sim.orders().lastPrice(SPOT);
        String restingPrice = last.multiply(new BigDecimal("0.9"))
                .setScale(0, RoundingMode.DOWN)
                .toPlainString();
        List<Step> steps = List.of(
                new Step(SPOT, Side.BUY, true, "0.002", null),
                new Step(SPOT, Side.SELL, true, "0.001", "1"),
                new Step(SPOT, Side.BUY, false, "0.001", restingPrice),
                new Step(SPOT, Side.BUY, false, "0.0000101", restingPrice),
                new Step(SPOT, Side.BUY, false, "0.001", restingPrice + ".001"),
                new Step(SPOT, Side.BUY, true, "0.00001", null),
                new Step(USDM, Side.SELL, true, "0.002", null),
                new Step(USDM, Side.BUY, true, "0.002", null));

        List<String> compared = new ArrayList<>();
        for (Step step : steps) {
            OrderRequest onPaper = step.request();
            OrderRequest onLive = step.request();
            OrderEvent p = on(() -> paper.submit(onPaper));
            LiveBroker live = step.instrument() == SPOT ? liveSpot : liveUsdm;
            OrderEvent l = on(() -> live.submit(onLive));

            assertThat(p.status())
                    .as(step + ": paper " + p.reason() + " / live " + l.reason())
                    .isEqualTo(l.status());
            assertThat(p.filledQuantity()).as(step.toString()).isEqualByComparingTo(l.filledQuantity());
            if (l.status() == OrderStatus.REJECTED) {
                String filter = l.reason().replaceAll(".*Filter failure: ", "").replace("MIN_NOTIONAL", "NOTIONAL");
                assertThat(p.reason()).as(step.toString()).contains("Filter failure: " + filter);
            }
            if (l.status() == OrderStatus.FILLED) {
                SimOrder atVenue = venueOrder(sim, step.instrument(), onLive.clientOrderId());
                BigDecimal livePrice =
                        atVenue.executedQuote().divide(atVenue.executedQuantity(), MathContext.DECIMAL64);
                assertThat(p.price().doubleValue())
                        .as(step + ": paper fill vs live fill " + livePrice)
                        .isCloseTo(livePrice.doubleValue(), within(livePrice.doubleValue() * PRICE_TOLERANCE));
            }
            compared.add(l.status().name());
        }
        assertThat(compared)
                .containsExactly(
                        "FILLED", "FILLED", "ACCEPTED", "REJECTED", "REJECTED", "REJECTED", "FILLED", "FILLED");
        assertThat(paper.position(SPOT)).isEqualByComparingTo(liveSpot.position(SPOT));
        assertThat(paper.position(USDM)).isEqualByComparingTo(liveUsdm.position(USDM));
        journal.close();
        sim.close().await();
    }

    private static SimOrder venueOrder(ExchangeSimulator sim, Instrument instrument, String clientOrderId) {
        SimVenue venue = instrument.market() == Market.SPOT ? SimVenue.BINANCE_SPOT : SimVenue.BINANCE_USDM;
        SimAccount account = sim.orders().account(venue, KEYS.key()).orElseThrow();
        return sim.orders().orderByClientId(account, clientOrderId).orElseThrow();
    }
}
