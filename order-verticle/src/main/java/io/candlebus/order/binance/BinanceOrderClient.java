package io.candlebus.order.binance;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import io.candlebus.order.AssetBalance;
import io.candlebus.order.journal.OrderState;
import io.candlebus.order.live.VenueOrders;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Binance's order calls for {@code LiveBroker}, one market per client: {@code POST}, {@code GET} and {@code DELETE}
 * {@code /api/v3/order} (spot), {@code /fapi/v1/order} (USDT-M), {@code /dapi/v1/order} (COIN-M), HMAC-signed
 * with a form body, through the non-blocking web client. 429, 418, 5xx and -1007 are unclear; other 4xx
 * are refusals carrying {@code code: msg}; a lookup's -2013 means not found. A -1021 (timestamp outside
 * {@code recvWindow}) is unclear too, so the intent is resolved by lookups and never resent, and it makes the
 * {@link BinanceTimeSync}, if any, measure the server time again before the answer is handed on.
 */
public final class BinanceOrderClient implements VenueOrders {
    private final WebClient client;
    private final String restUrl;
    private final Market market;
    private final BinanceSigner signer;
    private final Clock clock;
    private final long recvWindowMillis;
    private final BinanceTimeSync timeSync;

    /** The venue's code for a timestamp outside {@code recvWindow}. */
    static final int TIMESTAMP_OUTSIDE_WINDOW = -1021;

    /**
     * Creates a client for {@code market} at the market's REST base {@code restUrl} (e.g. {@code
     * https://api.binance.com}); {@code clock} stamps {@code timestamp} and should follow the venue's time.
     */
    public BinanceOrderClient(
            WebClient client, String restUrl, Market market, BinanceSigner signer, Clock clock, long recvWindowMillis) {
        this(client, restUrl, market, signer, clock, recvWindowMillis, null);
    }

    /**
     * Creates a client for {@code market} that stamps requests with {@code timeSync}'s corrected clock and has it
     * measure the server time again whenever the venue answers -1021.
     */
    public BinanceOrderClient(
            WebClient client,
            String restUrl,
            Market market,
            BinanceSigner signer,
            BinanceTimeSync timeSync,
            long recvWindowMillis) {
        this(client, restUrl, market, signer, timeSync.clock(), recvWindowMillis, timeSync);
    }

    private BinanceOrderClient(
            WebClient client,
            String restUrl,
            Market market,
            BinanceSigner signer,
            Clock clock,
            long recvWindowMillis,
            BinanceTimeSync timeSync) {
        this.timeSync = timeSync;
        this.client = Objects.requireNonNull(client, "client");
        this.restUrl = Objects.requireNonNull(restUrl, "restUrl");
        this.market = Objects.requireNonNull(market, "market");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (recvWindowMillis < 1 || recvWindowMillis > 60_000) {
            throw new IllegalArgumentException("recvWindowMillis: expected 1..60000, was " + recvWindowMillis);
        }
        this.recvWindowMillis = recvWindowMillis;
    }

    @Override
    public String venue() {
        return "binance";
    }

    @Override
    public void validate(OrderRequest request) {
        if (request.instrument().exchange() != Exchange.BINANCE
                || request.instrument().market() != market) {
            throw new IllegalArgumentException("order.instrument: expected a binance " + market.wireName()
                    + " instrument, was " + request.instrument().key());
        }
    }

    @Override
    public Future<Reply> place(OrderRequest request, long timeoutMillis) {
        StringBuilder params = new StringBuilder()
                .append("symbol=")
                .append(request.instrument().symbol())
                .append("&side=")
                .append(request.side().name())
                .append("&type=")
                .append(request.type().name());
        if (request.type() == OrderType.LIMIT) {
            params.append("&timeInForce=GTC&price=").append(plain(request.price()));
        }
        params.append("&quantity=")
                .append(plain(request.quantity()))
                .append("&newClientOrderId=")
                .append(request.clientOrderId())
                .append("&newOrderRespType=RESULT");
        String body = stamped(params.toString());
        return client.postAbs(restUrl + path())
                .putHeader(BinanceSigner.API_KEY_HEADER, signer.apiKey())
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .timeout(timeoutMillis)
                .sendBuffer(Buffer.buffer(body + "&signature=" + signer.signature("", body)))
                .map(this::placed)
                .otherwise(e -> new Unclear(e.getMessage()))
                .compose(this::resyncOnClockRefusal);
    }

    @Override
    public Future<Reply> lookup(OrderRequest request, long timeoutMillis) {
        return byClientOrderId(HttpMethod.GET, request, timeoutMillis, this::found);
    }

    @Override
    public Future<Reply> cancel(OrderRequest request, long timeoutMillis) {
        return byClientOrderId(HttpMethod.DELETE, request, timeoutMillis, this::cancelled);
    }

    /**
     * Sends a signed request on the order path naming the order by client order id, and reads the answer with
     * {@code reader}: any failure is an unclear answer, and a -1021 resyncs the clock first.
     */
    private Future<Reply> byClientOrderId(
            HttpMethod method, OrderRequest request, long timeoutMillis, Function<HttpResponse<Buffer>, Reply> reader) {
        String query = signer.signedQuery(
                stamped("symbol=" + request.instrument().symbol() + "&origClientOrderId=" + request.clientOrderId()));
        return client.requestAbs(method, restUrl + path() + "?" + query)
                .putHeader(BinanceSigner.API_KEY_HEADER, signer.apiKey())
                .timeout(timeoutMillis)
                .send()
                .map(reader)
                .otherwise(e -> new Unclear(e.getMessage()))
                .compose(this::resyncOnClockRefusal);
    }

    /** The detail of an {@link Unclear} answer to a timestamp outside {@code recvWindow}. */
    private static final String CLOCK_REFUSED = "code " + TIMESTAMP_OUTSIDE_WINDOW + " (timestamp outside recvWindow)";

    /** After a -1021, measures the server time again (failures keep the offset) before handing the answer on. */
    private Future<Reply> resyncOnClockRefusal(Reply reply) {
        if (timeSync == null || !(reply instanceof Unclear u) || !u.detail().endsWith(CLOCK_REFUSED)) {
            return Future.succeededFuture(reply);
        }
        return timeSync.sync().<Reply>map(offset -> reply).otherwise(reply);
    }

    private static Unclear unclear(int status, Integer code) {
        if (code != null && code == TIMESTAMP_OUTSIDE_WINDOW) {
            return new Unclear("HTTP " + status + " " + CLOCK_REFUSED);
        }
        return new Unclear("HTTP " + status + (code == null ? "" : " code " + code));
    }

    /**
     * Spot: {@code GET /api/v3/account} ({@code balances: [{asset, free, locked}]}); USDT-M {@code GET
     * /fapi/v2/balance} and COIN-M {@code GET /dapi/v1/balance} ({@code [{asset, balance, availableBalance}]}:
     * free is the available balance, locked the rest of the wallet balance).
     */
    @Override
    public Future<List<AssetBalance>> balances(long timeoutMillis) {
        String path =
                switch (market) {
                    case SPOT -> "/api/v3/account";
                    case USDM -> "/fapi/v2/balance";
                    case COINM -> "/dapi/v1/balance";
                };
        String query = signer.signedQuery("recvWindow=" + recvWindowMillis + "&timestamp=" + clock.millis());
        return client.getAbs(restUrl + path + "?" + query)
                .putHeader(BinanceSigner.API_KEY_HEADER, signer.apiKey())
                .timeout(timeoutMillis)
                .send()
                .compose(response -> balances(path, response));
    }

    private Future<List<AssetBalance>> balances(String path, HttpResponse<Buffer> response) {
        String body = response.bodyAsString();
        String what = "binance " + market.wireName() + " GET " + path;
        if (response.statusCode() != 200 || body == null) {
            JsonObject error = object(body);
            return Future.failedFuture(what + ": HTTP " + response.statusCode()
                    + (error == null ? "" : " " + error.getValue("code") + ": " + error.getValue("msg")));
        }
        List<AssetBalance> out = new ArrayList<>();
        try {
            if (market == Market.SPOT) {
                for (Object item : new JsonObject(body).getJsonArray("balances")) {
                    JsonObject b = (JsonObject) item;
                    out.add(new AssetBalance(
                            b.getString("asset"),
                            new BigDecimal(b.getString("free")),
                            new BigDecimal(b.getString("locked"))));
                }
            } else {
                for (Object item : new JsonArray(body)) {
                    JsonObject b = (JsonObject) item;
                    BigDecimal wallet = new BigDecimal(b.getString("balance"));
                    BigDecimal free = new BigDecimal(b.getString("availableBalance"));
                    out.add(new AssetBalance(
                            b.getString("asset"), free, wallet.subtract(free).max(BigDecimal.ZERO)));
                }
            }
        } catch (RuntimeException e) {
            return Future.failedFuture(what + ": expected a balance list, was "
                    + (body.length() > 80 ? body.substring(0, 80) + "..." : body));
        }
        return Future.succeededFuture(out);
    }

    /** USDT-M {@code GET /fapi/v2/positionRisk}, COIN-M {@code GET /dapi/v1/positionRisk}; spot has none. */
    @Override
    public Future<Optional<Map<Instrument, BigDecimal>>> positions(long timeoutMillis) {
        if (market == Market.SPOT) {
            return Future.succeededFuture(Optional.empty());
        }
        String path = market == Market.USDM ? "/fapi/v2/positionRisk" : "/dapi/v1/positionRisk";
        String what = "binance " + market.wireName() + " GET " + path;
        String query = signer.signedQuery("recvWindow=" + recvWindowMillis + "&timestamp=" + clock.millis());
        return client.getAbs(restUrl + path + "?" + query)
                .putHeader(BinanceSigner.API_KEY_HEADER, signer.apiKey())
                .timeout(timeoutMillis)
                .send()
                .compose(response -> {
                    String body = response.bodyAsString();
                    if (response.statusCode() != 200 || body == null) {
                        JsonObject error = object(body);
                        return Future.failedFuture(what + ": HTTP " + response.statusCode()
                                + (error == null ? "" : " " + error.getValue("code") + ": " + error.getValue("msg")));
                    }
                    try {
                        return Future.succeededFuture(Optional.of(BinancePositionRisk.parse(market, body)));
                    } catch (IllegalArgumentException e) {
                        return Future.failedFuture(what + ": " + e.getMessage());
                    }
                });
    }

    private Reply cancelled(HttpResponse<Buffer> response) {
        JsonObject json = object(response.bodyAsString());
        int status = response.statusCode();
        if (status == 200 && json != null && json.getValue("orderId") != null) {
            return known(json);
        }
        Integer code = json == null ? null : json.getInteger("code");
        // -2011 "Unknown order sent." is also the answer for an order already final: the caller looks it up.
        if (status >= 400
                && status < 500
                && status != 429
                && status != 418
                && code != null
                && code != -1007
                && code != TIMESTAMP_OUTSIDE_WINDOW) {
            return new Rejected(code + ": " + json.getString("msg", ""));
        }
        return unclear(status, code);
    }

    private String path() {
        return switch (market) {
            case SPOT -> "/api/v3/order";
            case USDM -> "/fapi/v1/order";
            case COINM -> "/dapi/v1/order";
        };
    }

    private String stamped(String params) {
        return params + "&recvWindow=" + recvWindowMillis + "&timestamp=" + clock.millis();
    }

    private Reply placed(HttpResponse<Buffer> response) {
        JsonObject json = object(response.bodyAsString());
        int status = response.statusCode();
        if (status == 200 && json != null && json.getValue("orderId") != null) {
            return known(json);
        }
        Integer code = json == null ? null : json.getInteger("code");
        // A -1021 refuses the request before it is processed, but it is settled like any unclear answer, by
        // lookups: a lookup cannot place a second order, a resend with a fresh timestamp could.
        if (status >= 400
                && status < 500
                && status != 429
                && status != 418
                && code != null
                && code != TIMESTAMP_OUTSIDE_WINDOW) {
            return new Rejected(code + ": " + json.getString("msg", ""));
        }
        return unclear(status, code);
    }

    private Reply found(HttpResponse<Buffer> response) {
        JsonObject json = object(response.bodyAsString());
        if (response.statusCode() == 200 && json != null && json.getValue("orderId") != null) {
            return known(json);
        }
        Integer code = json == null ? null : json.getInteger("code");
        if (Integer.valueOf(-2013).equals(code)) {
            return new NotFound();
        }
        return unclear(response.statusCode(), code);
    }

    private static Reply known(JsonObject json) {
        BigDecimal executed;
        try {
            executed = new BigDecimal(json.getString("executedQty", "0"));
        } catch (NumberFormatException e) {
            executed = BigDecimal.ZERO;
        }
        // PENDING_NEW and PENDING_CANCEL are still open.
        OrderState open = executed.signum() > 0 ? OrderState.PARTIALLY_FILLED : OrderState.NEW;
        OrderState state =
                switch (json.getString("status", "")) {
                    case "FILLED" -> OrderState.FILLED;
                    case "CANCELED" -> OrderState.CANCELED;
                    case "REJECTED" -> OrderState.REJECTED;
                    case "EXPIRED", "EXPIRED_IN_MATCH" -> OrderState.EXPIRED;
                    default -> open;
                };
        return new Known(json.getValue("orderId").toString(), state, executed);
    }

    private static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
