package io.candlebus.order.bithumb;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.order.ApiCredentials;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.orders.SimAccount;
import io.candlebus.sim.orders.SimAccounts;
import io.candlebus.sim.orders.SimOrder;
import io.candlebus.sim.orders.SimVenue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signs with {@link BithumbJwtSigner} (java-jwt) against the simulator's independent JWT check, over HTTP. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BithumbSimOrdersIT {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final ApiCredentials KEYS =
            new ApiCredentials(SimAccounts.BITHUMB_ACCESS_KEY, SimAccounts.BITHUMB_SECRET_KEY);

    private static ExchangeSimulator sim;
    private static WebClient client;
    private static BithumbJwtSigner signer;
    private static SimAccount account;

    @BeforeAll
    static void start(Vertx vertx) {
        Codecs.registerAll(vertx.eventBus());
        // 30x: a sim minute in 2 s, so trades cross a resting order quickly, while the simulator's 5 sim
        // minutes of token tolerance are still 10 real seconds.
        sim = await(ExchangeSimulator.start(
                vertx, SimConfig.defaults().withSeed(11).withSpeed(30).withHistoryMinutes(60)));
        client = WebClient.create(vertx);
        signer = new BithumbJwtSigner(KEYS, sim.clock());
        account = sim.orders().account(SimVenue.BITHUMB, KEYS.key()).orElseThrow();
    }

    @AfterAll
    static void stop() {
        await(sim.close());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }

    private static HttpResponse<Buffer> post(BithumbJwtSigner by, JsonObject body) {
        return await(client.postAbs(sim.bithumbRestUrl() + "/v2/orders")
                .putHeader("Authorization", by.authorization(BithumbQuery.of(body)))
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .sendBuffer(Buffer.buffer(body.encode())));
    }

    private static HttpResponse<Buffer> get(String path, String query) {
        String url = sim.bithumbRestUrl() + path + (query.isEmpty() ? "" : "?" + query);
        return await(client.getAbs(url)
                .putHeader("Authorization", signer.authorization(query))
                .send());
    }

    private static HttpResponse<Buffer> delete(String path, String query) {
        return await(client.deleteAbs(sim.bithumbRestUrl() + path + "?" + query)
                .putHeader("Authorization", signer.authorization(query))
                .send());
    }

    private static JsonObject limitBid(BigDecimal price, String volume, String clientOrderId) {
        return new JsonObject()
                .put("market", "KRW-BTC")
                .put("side", "bid")
                .put("order_type", "limit")
                .put("price", price.toPlainString())
                .put("volume", volume)
                .put("client_order_id", clientOrderId);
    }

    private static String errorName(HttpResponse<Buffer> response) {
        return response.bodyAsJsonObject().getJsonObject("error").getString("name");
    }

    private static long ordersWithClientId(String clientOrderId) {
        return sim.orders().orders(account).stream()
                .filter(o -> clientOrderId.equals(o.request().clientOrderId()))
                .count();
    }

    private static BigDecimal below(int ticks) {
        BigDecimal last = sim.orders().lastPrice(KRW_BTC);
        return last.subtract(BigDecimal.valueOf(1000L * ticks));
    }

    @Test
    void refusesABadSignatureAnUnknownKeyAStaleTokenAndAnAlteredBody() {
        String id = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject body = limitBid(below(50), "0.001", id);

        BithumbJwtSigner wrongSecret =
                new BithumbJwtSigner(new ApiCredentials(KEYS.key(), "not-the-secret"), sim.clock());
        HttpResponse<Buffer> badSignature = post(wrongSecret, body);
        assertThat(badSignature.statusCode()).isEqualTo(401);
        assertThat(errorName(badSignature)).isEqualTo("jwt_verification");

        BithumbJwtSigner unknownKey =
                new BithumbJwtSigner(new ApiCredentials("someone-else", KEYS.secret()), sim.clock());
        assertThat(errorName(post(unknownKey, body))).isEqualTo("jwt_verification");

        Clock tenMinutesBehind = Clock.offset(sim.clock().withZone(ZoneOffset.UTC), Duration.ofMinutes(-10));
        HttpResponse<Buffer> stale = post(new BithumbJwtSigner(KEYS, tenMinutesBehind), body);
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(errorName(stale)).isEqualTo("expired_jwt");

        // Signed for one volume, sent with another.
        HttpResponse<Buffer> altered = await(client.postAbs(sim.bithumbRestUrl() + "/v2/orders")
                .putHeader("Authorization", signer.authorization(BithumbQuery.of(body)))
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .sendBuffer(Buffer.buffer(body.copy().put("volume", "0.002").encode())));
        assertThat(altered.statusCode()).isEqualTo(401);
        assertThat(errorName(altered)).isEqualTo("invalid_query_payload");

        assertThat(ordersWithClientId(id)).isZero();
    }

    @Test
    void placesLooksUpRepeatsAndCancelsASignedOrder() {
        String id = "place-" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject body = limitBid(below(2_000), "0.001", id);

        HttpResponse<Buffer> placed = post(signer, body);
        assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
        String orderId = placed.bodyAsJsonObject().getString("order_id");
        assertThat(placed.bodyAsJsonObject().getString("client_order_id")).isEqualTo(id);

        // A repeat of the same client id and parameters answers the same order: still one at the venue.
        assertThat(post(signer, body).bodyAsJsonObject().getString("order_id")).isEqualTo(orderId);
        assertThat(ordersWithClientId(id)).isEqualTo(1);

        JsonObject open = get("/v1/order", "client_order_id=" + id).bodyAsJsonObject();
        assertThat(open.getString("uuid")).isEqualTo(orderId);
        assertThat(open.getString("state")).isEqualTo("wait");
        assertThat(get("/v1/order", "uuid=" + orderId).bodyAsJsonObject().getString("client_order_id"))
                .isEqualTo(id);

        HttpResponse<Buffer> cancelled = delete("/v2/order", "client_order_id=" + id);
        assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);
        assertThat(cancelled.bodyAsJsonObject().getString("order_id")).isEqualTo(orderId);
        assertThat(get("/v1/order", "uuid=" + orderId).bodyAsJsonObject().getString("state"))
                .isEqualTo("cancel");
        assertThat(delete("/v2/order", "order_id=" + orderId).statusCode()).isEqualTo(400);

        HttpResponse<Buffer> missing = get("/v1/order", "client_order_id=never-placed");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(errorName(missing)).isEqualTo("order_not_found");

        JsonArray accounts = get("/v1/accounts", "").bodyAsJsonArray();
        assertThat(accounts.stream().map(o -> ((JsonObject) o).getString("currency")))
                .contains("KRW", "BTC");
        JsonObject chance = get("/v1/orders/chance", "market=KRW-BTC").bodyAsJsonObject();
        assertThat(chance.getString("bid_fee")).isEqualTo("0.0025");
        assertThat(chance.getJsonObject("market").getJsonObject("bid").getString("min_total"))
                .isEqualTo("5000");
    }

    @Test
    void refusesAPriceOffTheTickAndAnOrderBelowTheMinimumTotal() {
        HttpResponse<Buffer> offTick =
                post(signer, limitBid(below(10).add(BigDecimal.valueOf(500)), "0.001", "tick-1"));
        assertThat(offTick.statusCode()).as(offTick.bodyAsString()).isEqualTo(400);
        assertThat(errorName(offTick)).isEqualTo("invalid_price_bid");
        HttpResponse<Buffer> tiny = post(signer, limitBid(below(10), "0.00001", "tiny-1"));
        assertThat(errorName(tiny)).isEqualTo("under_min_total_bid");
    }

    /**
     * Places a bid just below the last price that rests. A trade landing between reading the price and
     * placing makes it marketable (filled at once as a taker); then another is placed.
     */
    private static SimOrder placeResting() {
        for (int attempt = 0; attempt < 10; attempt++) {
            String id = "fill-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<Buffer> placed = post(signer, limitBid(below(1), "0.001", id));
            assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
            SimOrder order = sim.orders().orderByClientId(account, id).orElseThrow();
            if (order.fills().isEmpty()) {
                return order;
            }
        }
        throw new AssertionError("no order rested in 10 attempts");
    }

    @Test
    void aRestingBidFillsWhenTheSimulatorsTradesCrossItsPrice() {
        SimOrder resting = placeResting();
        String id = resting.request().clientOrderId();

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "done"
                        .equals(get("/v1/order", "client_order_id=" + id)
                                .bodyAsJsonObject()
                                .getString("state")));
        JsonObject done = get("/v1/order", "client_order_id=" + id).bodyAsJsonObject();
        assertThat(new BigDecimal(done.getString("executed_volume"))).isEqualByComparingTo("0.001");
        assertThat(new BigDecimal(done.getString("paid_fee"))).isPositive();
        SimOrder filled = sim.orders().orderByClientId(account, id).orElseThrow();
        assertThat(filled.fills()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.price()).isEqualByComparingTo(resting.request().price());
            assertThat(f.maker()).isTrue();
            assertThat(f.time()).isGreaterThan(resting.createdAt());
        });
    }
}
