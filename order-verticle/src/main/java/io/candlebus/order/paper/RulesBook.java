package io.candlebus.order.paper;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.order.OrderEndpoints;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Loads and keeps each instrument's {@link VenueRules}: Bithumb's from its documented tables, Binance's from
 * the venue's public {@code exchangeInfo} (no keys) at the order REST URL in effect ({@code
 * order.binance.*.restUrl}: the simulator's under {@code --source sim}). Spot asks for the one symbol; the
 * futures endpoints list every symbol. A failed load is forgotten, so the next order asks again.
 */
public final class RulesBook {
    private static final long TIMEOUT_MILLIS = 10_000;

    private final WebClient client;
    private final OrderEndpoints endpoints;
    private final Map<Instrument, Future<VenueRules>> loaded = new HashMap<>();

    /** Creates a book loading through {@code client} from {@code endpoints} (an unset one cannot be loaded). */
    public RulesBook(WebClient client, OrderEndpoints endpoints) {
        this.client = Objects.requireNonNull(client, "client");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    /** Returns the rules of {@code instrument}, loading them the first time. */
    public Future<VenueRules> rules(Instrument instrument) {
        if (instrument.exchange() == Exchange.BITHUMB) {
            return Future.succeededFuture(VenueRules.bithumb(instrument));
        }
        Future<VenueRules> known = loaded.get(instrument);
        if (known != null) {
            return known;
        }
        String base = endpoints.binance(instrument.market());
        if (base == null) {
            return Future.failedFuture("order.binance." + instrument.market().wireName()
                    + ".restUrl: not set, so exchangeInfo cannot be read");
        }
        String url = base
                + switch (instrument.market()) {
                    case SPOT -> "/api/v3/exchangeInfo?symbol=" + instrument.symbol();
                    case USDM -> "/fapi/v1/exchangeInfo";
                    case COINM -> "/dapi/v1/exchangeInfo";
                };
        Future<VenueRules> loading = client.getAbs(url)
                .timeout(TIMEOUT_MILLIS)
                .send()
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture("GET " + url + " answered HTTP " + response.statusCode() + ": "
                                + response.bodyAsString());
                    }
                    try {
                        JsonObject info = response.bodyAsJsonObject();
                        return Future.succeededFuture(ExchangeInfoRules.parse(info, instrument));
                    } catch (RuntimeException e) {
                        return Future.failedFuture(e.getMessage());
                    }
                });
        loaded.put(instrument, loading);
        loading.onFailure(e -> loaded.remove(instrument, loading));
        return loading;
    }

    /** Returns the rules of {@code instrument} if they are loaded, else null. */
    public VenueRules known(Instrument instrument) {
        if (instrument.exchange() == Exchange.BITHUMB) {
            return VenueRules.bithumb(instrument);
        }
        Future<VenueRules> f = loaded.get(instrument);
        return f != null && f.succeeded() ? f.result() : null;
    }
}
