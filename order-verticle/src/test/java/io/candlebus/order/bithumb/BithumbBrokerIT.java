package io.candlebus.order.bithumb;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.order.ApiCredentials;
import io.candlebus.order.AssetBalance;
import io.candlebus.order.ClientOrderIds;
import io.candlebus.order.TestOrders;
import io.candlebus.order.journal.JournalEntry;
import io.candlebus.order.journal.OrderJournalFile;
import io.candlebus.order.journal.OrderState;
import io.candlebus.order.live.LiveBroker;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.orders.OrderFaults;
import io.candlebus.sim.orders.SimAccount;
import io.candlebus.sim.orders.SimAccounts;
import io.candlebus.sim.orders.SimOrder;
import io.candlebus.sim.orders.SimVenue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs the live broker with Bithumb's client against the simulator: one order per intent, whatever happens. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BithumbBrokerIT {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final ApiCredentials KEYS =
            new ApiCredentials(SimAccounts.BITHUMB_ACCESS_KEY, SimAccounts.BITHUMB_SECRET_KEY);

    private static Vertx vertx;
    private static ExchangeSimulator sim;
    private static WebClient client;
    private static SimAccount account;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(Vertx v) {
        vertx = v;
        Codecs.registerAll(vertx.eventBus());
        sim = await(ExchangeSimulator.start(
                vertx, SimConfig.defaults().withSeed(13).withSpeed(30).withHistoryMinutes(60)));
        client = WebClient.create(vertx);
        account = sim.orders().account(SimVenue.BITHUMB, KEYS.key()).orElseThrow();
    }

    @AfterEach
    void disarm() {
        sim.orders().faults().clear();
    }

    @AfterAll
    static void stop() {
        await(sim.close());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }

    private static LiveBroker broker(OrderJournalFile journal, long orderTimeoutMillis, long deadlineMillis) {
        return new LiveBroker(
                vertx,
                new LiveBroker.Settings(orderTimeoutMillis, 5_000, deadlineMillis, 100),
                new BithumbOrderClient(client, sim.bithumbRestUrl(), new BithumbJwtSigner(KEYS, sim.clock())),
                journal,
                sim.clock());
    }

    /** A bid 2,000,000 KRW under the market: it rests. */
    private static OrderRequest restingBid() {
        BigDecimal price = sim.orders().lastPrice(KRW_BTC).subtract(new BigDecimal("2000000"));
        return TestOrders.limit(
                ClientOrderIds.forSignal(UUID.randomUUID().toString()),
                KRW_BTC,
                Side.BUY,
                "0.001",
                price.toPlainString());
    }

    private static List<SimOrder> atVenue(String clientOrderId) {
        return sim.orders().orders(account).stream()
                .filter(o -> clientOrderId.equals(o.request().clientOrderId()))
                .toList();
    }

    private JournalEntry journaled(String clientOrderId) throws IOException {
        try (OrderJournalFile replayed = OrderJournalFile.open(dir)) {
            return replayed.find(clientOrderId).orElseThrow();
        }
    }

    @Test
    void anAcceptedOrderIsJournaledAndPlacedOnceAndNoKeyReachesTheJournal() throws IOException {
        OrderJournalFile journal = OrderJournalFile.open(dir);
        OrderRequest request = restingBid();

        OrderEvent event = await(broker(journal, 5_000, 2_000).submit(request));

        assertThat(event.status()).as(event.reason()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(event.paper()).isFalse();
        List<SimOrder> placed = atVenue(request.clientOrderId());
        assertThat(placed).hasSize(1);
        assertThat(event.exchangeOrderId()).isEqualTo(placed.get(0).bithumbId());
        JournalEntry entry = journaled(request.clientOrderId());
        assertThat(entry.state()).isEqualTo(OrderState.NEW);
        assertThat(entry.exchangeOrderId()).isEqualTo(placed.get(0).bithumbId());
        String file = Files.readString(dir.resolve(OrderJournalFile.FILE_NAME));
        assertThat(file).doesNotContain(KEYS.secret()).doesNotContain(KEYS.key());
    }

    @Test
    void balancesAreTheVenuesAndACancelByIdEndsInTheFinalEvent() throws IOException {
        OrderJournalFile journal = OrderJournalFile.open(dir);
        LiveBroker broker = broker(journal, 5_000, 2_000);
        OrderRequest bid = restingBid();
        assertThat(await(broker.submit(bid)).status()).isEqualTo(OrderStatus.ACCEPTED);

        List<AssetBalance> balances = stripped(await(broker.balances()));
        List<AssetBalance> expected = sim.orders().balances(account).stream()
                .map(b -> new AssetBalance(
                        b.asset(), b.free().stripTrailingZeros(), b.locked().stripTrailingZeros()))
                .toList();
        assertThat(balances).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(balances)
                .filteredOn(b -> b.asset().equals("KRW"))
                .singleElement()
                .satisfies(krw ->
                        assertThat(krw.locked()).as("the resting bid holds KRW").isPositive());

        OrderEvent cancelled = await(broker.cancel(bid.clientOrderId()));
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(atVenue(bid.clientOrderId()))
                .singleElement()
                .satisfies(o -> assertThat(o.status().isOpen()).isFalse());
        assertThat(journal.find(bid.clientOrderId()).orElseThrow().state()).isEqualTo(OrderState.CANCELED);
        // A final order answers its final event again; an unknown id fails naming it.
        assertThat(await(broker.cancel(bid.clientOrderId())).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(broker.cancel("no-such-id").cause()).hasMessageContaining("no-such-id");
    }

    @Test
    void cancelOpenCancelsARestingOrderByClientOrderIdAndJournalsIt() throws IOException {
        OrderJournalFile journal = OrderJournalFile.open(dir);
        LiveBroker broker = broker(journal, 5_000, 2_000);
        OrderRequest request = restingBid();
        assertThat(await(broker.submit(request)).status()).isEqualTo(OrderStatus.ACCEPTED);

        List<OrderEvent> events = await(broker.cancelOpen());

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(e.reason()).isEqualTo("cancelled at bithumb by the kill switch");
        });
        assertThat(atVenue(request.clientOrderId()))
                .singleElement()
                .satisfies(o -> assertThat(o.status().name()).isEqualTo("CANCELED"));
        assertThat(await(broker.cancelOpen())).isEmpty();
        journal.close();
        assertThat(journaled(request.clientOrderId()).state()).isEqualTo(OrderState.CANCELED);
    }

    @Test
    void aVenueRejectionCarriesTheVenuesErrorNameAndPlacesNothing() throws IOException {
        OrderJournalFile journal = OrderJournalFile.open(dir);
        BigDecimal offTick = sim.orders().lastPrice(KRW_BTC).subtract(new BigDecimal("2000500"));
        OrderRequest request = TestOrders.limit(
                ClientOrderIds.forSignal(UUID.randomUUID().toString()),
                KRW_BTC,
                Side.BUY,
                "0.001",
                offTick.toPlainString());

        OrderEvent event = await(broker(journal, 5_000, 2_000).submit(request));

        assertThat(event.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(event.reason()).startsWith("bithumb invalid_price_bid: price:");
        assertThat(journaled(request.clientOrderId()).state()).isEqualTo(OrderState.REJECTED);
        assertThat(atVenue(request.clientOrderId())).isEmpty();
    }

    @Test
    void anOutageIsResolvedByLookupsNeverByResendingAndEndsNotPlaced() throws IOException {
        OrderJournalFile journal = OrderJournalFile.open(dir);
        OrderRequest request = restingBid();
        // 503 for 30 sim seconds (1 real second): the order never reaches the book, lookups see 503 then 404.
        sim.faults().restOutage(30_000);

        OrderEvent event = await(broker(journal, 5_000, 2_500).submit(request));

        assertThat(event.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(event.reason()).startsWith("not placed: bithumb did not know the order");
        assertThat(journaled(request.clientOrderId()).state()).isEqualTo(OrderState.REJECTED);
        assertThat(atVenue(request.clientOrderId())).isEmpty();
    }

    /** Submits with a short order timeout and a lookup deadline of {@code deadlineMillis}, returns the event. */
    private OrderEvent submitUnder(OrderRequest request, long deadlineMillis) throws IOException {
        return await(broker(OrderJournalFile.open(dir), 500, deadlineMillis).submit(request));
    }

    /** The order reached the book once and the broker reports it, found by client order id. */
    private static void placedOnceAndFound(OrderRequest request, OrderEvent event) {
        List<SimOrder> placed = atVenue(request.clientOrderId());
        assertThat(placed).hasSize(1);
        assertThat(event.status()).as(event.reason()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(event.reason()).isEqualTo("found at bithumb by client order id");
        assertThat(event.exchangeOrderId()).isEqualTo(placed.get(0).bithumbId());
    }

    @Test
    void aConnectionClosedAfterAcceptanceIsResolvedByLookupNotResend() throws IOException {
        OrderRequest request = restingBid();
        sim.orders().faults().loseNextAnswers(1, OrderFaults.Loss.CLOSE_CONNECTION);
        placedOnceAndFound(request, submitUnder(request, 2_000));
        assertThat(journaled(request.clientOrderId()).state()).isEqualTo(OrderState.NEW);
    }

    @Test
    void aServerErrorAfterAcceptanceIsResolvedByLookup() throws IOException {
        OrderRequest request = restingBid();
        sim.orders().faults().loseNextAnswers(1, OrderFaults.Loss.SERVER_ERROR);
        placedOnceAndFound(request, submitUnder(request, 2_000));
    }

    @Test
    void anAnswerLatePastTheClientsTimeoutIsResolvedByLookup() throws IOException {
        OrderRequest request = restingBid();
        sim.orders().faults().delayRealMillis(1_500);
        sim.orders().faults().loseNextAnswers(1, OrderFaults.Loss.DELAY);
        placedOnceAndFound(request, submitUnder(request, 2_000));
    }

    @Test
    void notFoundRightAfterCreationIsRetriedUntilTheOrderShows() throws IOException {
        OrderRequest request = restingBid();
        // Lookups miss the order for 45 sim seconds (1.5 s real): the broker keeps looking.
        sim.orders().faults().hideNewOrdersFor(45_000);
        sim.orders().faults().loseNextAnswers(1, OrderFaults.Loss.SERVER_ERROR);
        placedOnceAndFound(request, submitUnder(request, 5_000));
    }

    @Test
    void aRefusalBeforeTheEngineEndsNotPlacedWithoutASecondAttempt() throws IOException {
        OrderRequest request = restingBid();
        sim.orders().faults().refuseNext(1, OrderFaults.Refusal.TOO_MANY_REQUESTS);
        OrderEvent event = submitUnder(request, 600);
        assertThat(event.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(event.reason()).startsWith("not placed:");
        assertThat(atVenue(request.clientOrderId())).isEmpty();
    }

    @Test
    void anInsufficientBalanceRefusalIsRejectedWithTheVenuesErrorName() throws IOException {
        OrderRequest request = restingBid();
        sim.orders().faults().refuseNext(1, OrderFaults.Refusal.INSUFFICIENT_BALANCE);
        // A clear answer is awaited in full (a cold first request may take longer than the other tests' 500 ms).
        OrderEvent event = await(broker(OrderJournalFile.open(dir), 10_000, 600).submit(request));
        assertThat(event.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(event.reason()).startsWith("bithumb insufficient_funds_bid");
        assertThat(atVenue(request.clientOrderId())).isEmpty();
    }

    @Test
    void reconcileAfterARestartSettlesIntentsThatDiedBeforeOrAfterTheSend() throws IOException {
        OrderRequest neverSent = restingBid();
        OrderRequest sentNoAnswer = restingBid();
        // Another venue's intent in the same journal is left to that venue's broker.
        OrderRequest otherVenue = TestOrders.market(
                ClientOrderIds.forSignal(UUID.randomUUID().toString()), TestOrders.BTCUSDT, Side.BUY, "0.001", null);
        try (OrderJournalFile before = OrderJournalFile.open(dir)) {
            before.recordIntent(neverSent, sim.clock().millis());
            before.recordIntent(otherVenue, sim.clock().millis());
            before.recordIntent(sentNoAnswer, sim.clock().millis());
        }
        // The second one reached the venue before the node died: send it as the broker would have.
        var body = BithumbOrderBody.of(sentNoAnswer);
        var signer = new BithumbJwtSigner(KEYS, sim.clock());
        int status = await(client.postAbs(sim.bithumbRestUrl() + "/v2/orders")
                        .putHeader("Authorization", signer.authorization(BithumbQuery.of(body)))
                        .putHeader("Content-Type", "application/json; charset=utf-8")
                        .sendBuffer(Buffer.buffer(body.encode())))
                .statusCode();
        assertThat(status).isEqualTo(201);

        OrderJournalFile after = OrderJournalFile.open(dir);
        assertThat(after.replayReport().openIntents()).isEqualTo(3);
        List<OrderEvent> settled = await(broker(after, 5_000, 500).reconcile());

        assertThat(settled)
                .extracting(OrderEvent::clientOrderId)
                .containsExactly(neverSent.clientOrderId(), sentNoAnswer.clientOrderId());
        assertThat(settled.get(0).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(settled.get(1).status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(settled.get(1).exchangeOrderId())
                .isEqualTo(atVenue(sentNoAnswer.clientOrderId()).get(0).bithumbId());
        assertThat(atVenue(neverSent.clientOrderId())).isEmpty();
        assertThat(atVenue(sentNoAnswer.clientOrderId())).hasSize(1);
        // Nothing of Bithumb's is PENDING any more: the placed order is NEW (still open at the venue), the
        // other final; the Binance intent was not touched.
        assertThat(after.openEntries())
                .extracting(JournalEntry::state)
                .containsExactly(OrderState.PENDING, OrderState.NEW);
        assertThat(after.find(otherVenue.clientOrderId()).orElseThrow().state()).isEqualTo(OrderState.PENDING);
    }

    @Test
    void anOutcomeLeftUnknownByASubmitIsSettledOnceTheVenueAnswersAgain() throws Exception {
        OrderJournalFile journal = OrderJournalFile.open(dir);
        LiveBroker broker = broker(journal, 1_000, 600);
        OrderRequest request = restingBid();
        // The venue takes the order but its answer comes too late; then it goes dark before any lookup.
        sim.orders().faults().delayRealMillis(3_000);
        sim.orders().faults().loseNextAnswers(1, OrderFaults.Loss.DELAY);
        Future<OrderEvent> submitted = broker.submit(request);
        long until = System.nanoTime() + 900_000_000L;
        while (atVenue(request.clientOrderId()).isEmpty() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(atVenue(request.clientOrderId())).hasSize(1);
        sim.faults().restOutage(3_600_000);
        assertThat(awaitFailure(submitted)).contains("stays PENDING");
        assertThat(journal.find(request.clientOrderId()).orElseThrow().state()).isEqualTo(OrderState.PENDING);
        // Still dark: nothing is decided.
        assertThat(await(broker.settleUnknown())).isEmpty();

        sim.faults().restOutage(0);
        List<OrderEvent> settled = await(broker.settleUnknown());

        assertThat(settled).extracting(OrderEvent::status).containsExactly(OrderStatus.ACCEPTED);
        assertThat(settled.get(0).exchangeOrderId())
                .isEqualTo(atVenue(request.clientOrderId()).get(0).bithumbId());
        assertThat(journal.find(request.clientOrderId()).orElseThrow().state()).isEqualTo(OrderState.NEW);
        assertThat(atVenue(request.clientOrderId())).as("never resent").hasSize(1);
    }

    private static String awaitFailure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause().getMessage();
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
        throw new AssertionError("expected the submit to fail with an unknown outcome");
    }

    private static List<AssetBalance> stripped(List<AssetBalance> balances) {
        return balances.stream()
                .map(b -> new AssetBalance(
                        b.asset(), b.free().stripTrailingZeros(), b.locked().stripTrailingZeros()))
                .toList();
    }
}
