package io.candlebus.order.bithumb;

import io.candlebus.contract.OrderRequest;
import io.candlebus.order.AssetBalance;
import io.candlebus.order.journal.OrderState;
import io.candlebus.order.live.VenueOrders;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Bithumb's order calls for {@code LiveBroker}: {@code POST /v2/orders}, {@code GET /v1/order?client_order_id=}
 * and {@code DELETE /v2/order?client_order_id=}, JWT-signed (the query string is hashed), through the non-blocking web client. An error body counts even with a 2xx status; 429 and
 * 5xx are unclear, other 4xx with an error body are refusals carrying the venue's {@code name: message}.
 */
public final class BithumbOrderClient implements VenueOrders {
    private final WebClient client;
    private final String restUrl;
    private final BithumbJwtSigner signer;

    /** Creates a client for the REST base {@code restUrl} (e.g. {@code https://api.bithumb.com}). */
    public BithumbOrderClient(WebClient client, String restUrl, BithumbJwtSigner signer) {
        this.client = client;
        this.restUrl = restUrl;
        this.signer = signer;
    }

    @Override
    public String venue() {
        return "bithumb";
    }

    @Override
    public void validate(OrderRequest request) {
        BithumbOrderBody.of(request);
    }

    @Override
    public Future<Reply> place(OrderRequest request, long timeoutMillis) {
        JsonObject body = BithumbOrderBody.of(request);
        return client.postAbs(restUrl + "/v2/orders")
                .putHeader("Authorization", signer.authorization(BithumbQuery.of(body)))
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .timeout(timeoutMillis)
                .sendBuffer(Buffer.buffer(body.encode()))
                .map(BithumbOrderClient::placed)
                .otherwise(e -> new Unclear(e.getMessage()));
    }

    @Override
    public Future<Reply> lookup(OrderRequest request, long timeoutMillis) {
        String query = "client_order_id=" + request.clientOrderId();
        return client.getAbs(restUrl + "/v1/order?" + query)
                .putHeader("Authorization", signer.authorization(query))
                .timeout(timeoutMillis)
                .send()
                .map(BithumbOrderClient::found)
                .otherwise(e -> new Unclear(e.getMessage()));
    }

    @Override
    public Future<Reply> cancel(OrderRequest request, long timeoutMillis) {
        String query = "client_order_id=" + request.clientOrderId();
        return client.deleteAbs(restUrl + "/v2/order?" + query)
                .putHeader("Authorization", signer.authorization(query))
                .timeout(timeoutMillis)
                .send()
                .map(BithumbOrderClient::cancelled)
                .otherwise(e -> new Unclear(e.getMessage()));
    }

    @Override
    public Future<List<AssetBalance>> balances(long timeoutMillis) {
        return client.getAbs(restUrl + "/v1/accounts")
                .putHeader("Authorization", signer.authorization(""))
                .timeout(timeoutMillis)
                .send()
                .compose(BithumbOrderClient::accounts);
    }

    /** Reads {@code GET /v1/accounts}: an array of {@code {currency, balance, locked}}. */
    private static Future<List<AssetBalance>> accounts(HttpResponse<Buffer> response) {
        String body = response.bodyAsString();
        JsonArray array = null;
        try {
            array = body == null ? null : new JsonArray(body);
        } catch (RuntimeException e) {
            // Reported below.
        }
        if (response.statusCode() != 200 || array == null) {
            String error = BithumbReply.error(BithumbReply.object(body));
            return Future.failedFuture(
                    "bithumb GET /v1/accounts: HTTP " + response.statusCode() + (error == null ? "" : " " + error));
        }
        List<AssetBalance> out = new ArrayList<>();
        try {
            for (Object item : array) {
                JsonObject account = (JsonObject) item;
                out.add(new AssetBalance(
                        account.getString("currency"),
                        new BigDecimal(account.getValue("balance", "0").toString()),
                        new BigDecimal(account.getValue("locked", "0").toString())));
            }
        } catch (RuntimeException e) {
            return Future.failedFuture("bithumb GET /v1/accounts: expected [{currency, balance, locked}], was "
                    + (body.length() > 80 ? body.substring(0, 80) + "..." : body));
        }
        return Future.succeededFuture(out);
    }

    private static Reply cancelled(HttpResponse<Buffer> response) {
        JsonObject json = BithumbReply.object(response.bodyAsString());
        String error = BithumbReply.error(json);
        int status = response.statusCode();
        if (status == 200 && error == null && json != null && json.getString("order_id") != null) {
            // The answer carries no fill: the caller looks the order up for its final state.
            return new Known(json.getString("order_id"), OrderState.CANCELED, BigDecimal.ZERO);
        }
        if (status == 404 && BithumbReply.notFound(json)) {
            return new NotFound();
        }
        if (status >= 400 && status < 500 && status != 429 && error != null) {
            return new Rejected(error);
        }
        return new Unclear("HTTP " + status);
    }

    private static Reply placed(HttpResponse<Buffer> response) {
        JsonObject json = BithumbReply.object(response.bodyAsString());
        String error = BithumbReply.error(json);
        int status = response.statusCode();
        if (status < 300 && error == null && json != null && json.getString("order_id") != null) {
            return new Known(json.getString("order_id"), OrderState.NEW, BigDecimal.ZERO);
        }
        if (status >= 400 && status < 500 && status != 429 && error != null) {
            return new Rejected(error);
        }
        return new Unclear("HTTP " + status);
    }

    private static Reply found(HttpResponse<Buffer> response) {
        JsonObject json = BithumbReply.object(response.bodyAsString());
        if (response.statusCode() == 200
                && BithumbReply.error(json) == null
                && json != null
                && json.getString("uuid") != null) {
            return new Known(json.getString("uuid"), BithumbReply.state(json), BithumbReply.executed(json));
        }
        if (response.statusCode() == 404 && BithumbReply.notFound(json)) {
            return new NotFound();
        }
        return new Unclear("HTTP " + response.statusCode());
    }
}
