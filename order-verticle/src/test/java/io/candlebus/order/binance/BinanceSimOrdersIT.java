package io.candlebus.order.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.order.ApiCredentials;
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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signs with {@link BinanceSigner} against the simulator's spot order endpoints over HTTP. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BinanceSimOrdersIT {
    private static final Instrument BTCUSDT = Instrument.parse("binance:spot:BTCUSDT");
    private static final ApiCredentials KEYS =
            new ApiCredentials(SimAccounts.BINANCE_API_KEY, SimAccounts.BINANCE_API_SECRET);
    /** The largest window Binance allows: 6 real seconds at the 10x used here. */
    private static final String RECV_WINDOW = "&recvWindow=60000";

    private static ExchangeSimulator sim;
    private static WebClient client;
    private static BinanceSigner signer;
    private static SimAccount account;

    @BeforeAll
    static void start(Vertx vertx) {
        Codecs.registerAll(vertx.eventBus());
        sim = await(ExchangeSimulator.start(
                vertx, SimConfig.defaults().withSeed(12).withSpeed(10).withHistoryMinutes(60)));
        client = WebClient.create(vertx);
        signer = new BinanceSigner(KEYS);
        account = sim.orders().account(SimVenue.BINANCE_SPOT, KEYS.key()).orElseThrow();
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

    private static String url(String path) {
        return sim.binanceRestUrl(Market.SPOT) + "/api/v3" + path;
    }

    /** Parameters stamped with the sim clock, as a client synchronised with the server's time sends them. */
    private static String stamped(String params) {
        return params + RECV_WINDOW + "&timestamp=" + sim.clock().millis();
    }

    /** POSTs {@code params} as a form body signed by {@code by} under {@code apiKey}. */
    private static HttpResponse<Buffer> post(BinanceSigner by, String apiKey, String params) {
        return await(client.postAbs(url("/order"))
                .putHeader(BinanceSigner.API_KEY_HEADER, apiKey)
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer(params + "&signature=" + by.signature("", params))));
    }

    private static HttpResponse<Buffer> send(String method, String path, String params) {
        String signed = signer.signedQuery(stamped(params));
        var request = "DELETE".equals(method)
                ? client.deleteAbs(url(path) + "?" + signed)
                : client.getAbs(url(path) + "?" + signed);
        return await(request.putHeader(BinanceSigner.API_KEY_HEADER, KEYS.key()).send());
    }

    private static String limitBuy(BigDecimal price, String quantity, String clientOrderId) {
        return "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=" + quantity + "&price="
                + price.toPlainString() + "&newClientOrderId=" + clientOrderId;
    }

    private static BigDecimal below(int ticks) {
        return sim.orders().lastPrice(BTCUSDT).subtract(new BigDecimal("0.01").multiply(BigDecimal.valueOf(ticks)));
    }

    private static int code(HttpResponse<Buffer> response) {
        return response.bodyAsJsonObject().getInteger("code");
    }

    private static long ordersWithClientId(String clientOrderId) {
        return sim.orders().orders(account).stream()
                .filter(o -> clientOrderId.equals(o.request().clientOrderId()))
                .count();
    }

    @Test
    void refusesABadSignatureAWrongKeyAndAStaleTimestamp() {
        String id = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        String params = limitBuy(below(500), "0.001", id);

        BinanceSigner wrongSecret = new BinanceSigner(new ApiCredentials(KEYS.key(), "not-the-secret"));
        HttpResponse<Buffer> badSignature = post(wrongSecret, KEYS.key(), stamped(params));
        assertThat(badSignature.statusCode()).isEqualTo(400);
        assertThat(code(badSignature)).isEqualTo(-1022);

        HttpResponse<Buffer> wrongKey = post(signer, "someone-else", stamped(params));
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(code(wrongKey)).isEqualTo(-2015);

        String stale = params + "&recvWindow=5000&timestamp=" + (sim.clock().millis() - 120_000);
        HttpResponse<Buffer> staleResponse = post(signer, KEYS.key(), stale);
        assertThat(code(staleResponse)).isEqualTo(-1021);
        assertThat(staleResponse.bodyAsJsonObject().getString("msg")).contains("recvWindow");

        assertThat(ordersWithClientId(id)).isZero();
    }

    @Test
    void placesQueriesRefusesADuplicateAndCancelsByClientOrderId() {
        String id = "place-" + UUID.randomUUID().toString().substring(0, 8);
        String params = limitBuy(below(50_000), "0.001", id);

        HttpResponse<Buffer> placed = post(signer, KEYS.key(), stamped(params));
        assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(200);
        JsonObject order = placed.bodyAsJsonObject();
        assertThat(order.getString("status")).isEqualTo("NEW");
        assertThat(order.getString("clientOrderId")).isEqualTo(id);
        assertThat(order.getJsonArray("fills")).isEmpty();

        HttpResponse<Buffer> duplicate = post(signer, KEYS.key(), stamped(params));
        assertThat(code(duplicate)).isEqualTo(-2010);
        assertThat(duplicate.bodyAsJsonObject().getString("msg")).isEqualTo("Duplicate order sent.");
        assertThat(ordersWithClientId(id)).isEqualTo(1);

        JsonObject queried =
                send("GET", "/order", "symbol=BTCUSDT&origClientOrderId=" + id).bodyAsJsonObject();
        assertThat(queried.getLong("orderId")).isEqualTo(order.getLong("orderId"));
        JsonArray open = send("GET", "/openOrders", "symbol=BTCUSDT").bodyAsJsonArray();
        assertThat(open.stream().map(o -> ((JsonObject) o).getString("clientOrderId")))
                .contains(id);

        HttpResponse<Buffer> cancelled = send("DELETE", "/order", "symbol=BTCUSDT&origClientOrderId=" + id);
        assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);
        assertThat(cancelled.bodyAsJsonObject().getString("status")).isEqualTo("CANCELED");
        assertThat(code(send("DELETE", "/order", "symbol=BTCUSDT&origClientOrderId=" + id)))
                .isEqualTo(-2011);
        assertThat(code(send("GET", "/order", "symbol=BTCUSDT&orderId=999999999")))
                .isEqualTo(-2013);

        // Once the order is final its id may be used again, as on Binance.
        assertThat(post(signer, KEYS.key(), stamped(params)).statusCode()).isEqualTo(200);
        send("DELETE", "/order", "symbol=BTCUSDT&origClientOrderId=" + id);
        assertThat(ordersWithClientId(id)).isEqualTo(2);

        JsonObject accountInfo = send("GET", "/account", "").bodyAsJsonObject();
        assertThat(accountInfo.getJsonArray("balances").stream().map(b -> ((JsonObject) b).getString("asset")))
                .contains("USDT", "BTC");
    }

    @Test
    void enforcesTheFiltersExchangeInfoPublishes() {
        JsonObject info = await(client.getAbs(url("/exchangeInfo")).send()).bodyAsJsonObject();
        JsonObject btc = info.getJsonArray("symbols").stream()
                .map(JsonObject.class::cast)
                .filter(s -> "BTCUSDT".equals(s.getString("symbol")))
                .findFirst()
                .orElseThrow();
        assertThat(btc.getJsonArray("filters").stream().map(f -> ((JsonObject) f).getString("filterType")))
                .contains("PRICE_FILTER", "LOT_SIZE", "NOTIONAL");

        HttpResponse<Buffer> offTick =
                post(signer, KEYS.key(), stamped(limitBuy(below(10).add(new BigDecimal("0.001")), "0.001", "tick-1")));
        assertThat(offTick.bodyAsJsonObject().getString("msg")).isEqualTo("Filter failure: PRICE_FILTER");
        HttpResponse<Buffer> offLot = post(signer, KEYS.key(), stamped(limitBuy(below(10), "0.0010001", "lot-1")));
        assertThat(offLot.bodyAsJsonObject().getString("msg")).isEqualTo("Filter failure: LOT_SIZE");
        HttpResponse<Buffer> tiny = post(signer, KEYS.key(), stamped(limitBuy(below(10), "0.00001", "tiny-1")));
        assertThat(code(tiny)).isEqualTo(-1013);
        assertThat(tiny.bodyAsJsonObject().getString("msg")).isEqualTo("Filter failure: NOTIONAL");
    }

    /**
     * Places a buy just below the last price that rests. A trade landing between reading the price and
     * placing makes it marketable (filled at once as a taker); then another is placed.
     */
    private static SimOrder placeResting() {
        for (int attempt = 0; attempt < 10; attempt++) {
            String id = "fill-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<Buffer> placed = post(signer, KEYS.key(), stamped(limitBuy(below(200), "0.001", id)));
            assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(200);
            SimOrder order = sim.orders().orderByClientId(account, id).orElseThrow();
            if ("NEW".equals(placed.bodyAsJsonObject().getString("status"))) {
                return order;
            }
        }
        throw new AssertionError("no order rested in 10 attempts");
    }

    @Test
    void aRestingBuyFillsWhenTheSimulatorsTradesCrossItsPrice() {
        SimOrder resting = placeResting();
        String id = resting.request().clientOrderId();

        Awaitility.await()
                .atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "FILLED"
                        .equals(send("GET", "/order", "symbol=BTCUSDT&origClientOrderId=" + id)
                                .bodyAsJsonObject()
                                .getString("status")));
        SimOrder filled = sim.orders().orderByClientId(account, id).orElseThrow();
        assertThat(filled.fills()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.price()).isEqualByComparingTo(resting.request().price());
            assertThat(f.maker()).isTrue();
            assertThat(f.feeAsset()).isEqualTo("BTC");
            assertThat(f.time()).isGreaterThan(resting.createdAt());
        });
    }

    private static HttpResponse<Buffer> futures(String method, Market market, String path, String params) {
        String signed = signer.signedQuery(stamped(params));
        String url = sim.binanceRestUrl(market) + path + "?" + signed;
        var request =
                switch (method) {
                    case "POST" -> client.postAbs(url);
                    case "DELETE" -> client.deleteAbs(url);
                    default -> client.getAbs(url);
                };
        return await(request.putHeader(BinanceSigner.API_KEY_HEADER, KEYS.key()).send());
    }

    @Test
    void tradesUsdtAndCoinMarginedFuturesWithPositionsAndTheirOwnErrors() {
        String id = "usdm-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<Buffer> bought = futures(
                "POST",
                Market.USDM,
                "/fapi/v1/order",
                "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002&newClientOrderId=" + id);
        assertThat(bought.statusCode()).as(bought.bodyAsString()).isEqualTo(200);
        assertThat(bought.bodyAsJsonObject().getString("status")).isEqualTo("FILLED");
        assertThat(bought.bodyAsJsonObject().getString("positionSide")).isEqualTo("BOTH");
        JsonObject position = futures("GET", Market.USDM, "/fapi/v2/positionRisk", "symbol=BTCUSDT")
                .bodyAsJsonArray()
                .getJsonObject(0);
        assertThat(new BigDecimal(position.getString("positionAmt"))).isEqualByComparingTo("0.002");
        JsonObject usdt = futures("GET", Market.USDM, "/fapi/v2/balance", "").bodyAsJsonArray().stream()
                .map(JsonObject.class::cast)
                .filter(b -> "USDT".equals(b.getString("asset")))
                .findFirst()
                .orElseThrow();
        assertThat(new BigDecimal(usdt.getString("availableBalance")))
                .isLessThan(new BigDecimal(usdt.getString("balance")));
        HttpResponse<Buffer> small =
                futures("POST", Market.USDM, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001");
        assertThat(code(small)).isEqualTo(-4164);

        String coinId = "coinm-" + UUID.randomUUID().toString().substring(0, 8);
        BigDecimal far = sim.orders()
                .lastPrice(Instrument.parse("binance:coinm:BTCUSD_PERP"))
                .subtract(new BigDecimal("5000"));
        String limit = "symbol=BTCUSD_PERP&side=BUY&type=LIMIT&timeInForce=GTC&quantity=3&price=" + far.toPlainString()
                + "&newClientOrderId=" + coinId;
        JsonObject resting =
                futures("POST", Market.COINM, "/dapi/v1/order", limit).bodyAsJsonObject();
        assertThat(resting.getString("status")).isEqualTo("NEW");
        assertThat(resting.containsKey("cumBase")).isTrue();
        assertThat(code(futures("POST", Market.COINM, "/dapi/v1/order", limit))).isEqualTo(-4116);
        HttpResponse<Buffer> cancelled =
                futures("DELETE", Market.COINM, "/dapi/v1/order", "symbol=BTCUSD_PERP&origClientOrderId=" + coinId);
        assertThat(cancelled.bodyAsJsonObject().getString("status")).isEqualTo("CANCELED");
    }

    @Test
    void orderFaultsRefuseBeforeTheEngineOrSpoilTheAnswerAfterIt() {
        OrderFaults faults = sim.orders().faults();
        try {
            String refused = "fault-" + UUID.randomUUID().toString().substring(0, 8);
            faults.refuseNext(1, OrderFaults.Refusal.BANNED);
            HttpResponse<Buffer> banned = post(signer, KEYS.key(), stamped(limitBuy(below(50_000), "0.001", refused)));
            assertThat(banned.statusCode()).isEqualTo(418);
            assertThat(banned.getHeader("Retry-After")).isNotNull();
            faults.refuseNext(1, OrderFaults.Refusal.TIMESTAMP_OUTSIDE_WINDOW);
            assertThat(code(post(signer, KEYS.key(), stamped(limitBuy(below(50_000), "0.001", refused)))))
                    .isEqualTo(-1021);
            assertThat(ordersWithClientId(refused)).isZero();

            String lost = "fault-" + UUID.randomUUID().toString().substring(0, 8);
            faults.hideNewOrdersFor(3_600_000);
            faults.loseNextAnswers(1, OrderFaults.Loss.SERVER_ERROR);
            HttpResponse<Buffer> unknown = post(signer, KEYS.key(), stamped(limitBuy(below(50_000), "0.001", lost)));
            assertThat(unknown.statusCode()).isEqualTo(503);
            assertThat(code(unknown)).isEqualTo(-1007);
            // Placed, yet a lookup does not see it while the venue is "eventually consistent".
            assertThat(ordersWithClientId(lost)).isEqualTo(1);
            assertThat(code(send("GET", "/order", "symbol=BTCUSDT&origClientOrderId=" + lost)))
                    .isEqualTo(-2013);
            faults.hideNewOrdersFor(0);
            assertThat(send("GET", "/order", "symbol=BTCUSDT&origClientOrderId=" + lost)
                            .bodyAsJsonObject()
                            .getString("status"))
                    .isEqualTo("NEW");
            send("DELETE", "/order", "symbol=BTCUSDT&origClientOrderId=" + lost);
        } finally {
            faults.clear();
        }
    }
}
