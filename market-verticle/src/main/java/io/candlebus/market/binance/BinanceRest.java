package io.candlebus.market.binance;

import io.candlebus.contract.Market;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
import io.candlebus.market.RestException;
import io.candlebus.market.Retry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST side of one Binance market: every request waits until the market's {@link RestGate} lets its
 * weight through (never during a 418 ban or a 429 pause), is charged to it, and hands the venue's verdict
 * (used weight, 418, 429) back to it. Klines and {@code exchangeInfo} share the one budget.
 */
final class BinanceRest {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceRest.class);

    private final Vertx vertx;
    private final RestClient rest;
    private final Clock clock;
    private final MarketConfig config;
    private final Market market;
    private final RestGate gate;
    private final String component;

    BinanceRest(
            Vertx vertx,
            RestClient rest,
            Clock clock,
            MarketConfig config,
            Market market,
            RestGate gate,
            String component) {
        this.vertx = vertx;
        this.rest = rest;
        this.clock = clock;
        this.config = config;
        this.market = market;
        this.gate = gate;
        this.component = component;
    }

    /** Returns the klines path of the market. */
    String klinesPath() {
        return prefix() + "/klines";
    }

    /** Returns the exchangeInfo path of the market. */
    String exchangeInfoPath() {
        return prefix() + "/exchangeInfo";
    }

    /** Returns the weight of an unfiltered exchangeInfo request: 20 on spot, 1 on futures. */
    int exchangeInfoWeight() {
        return market == Market.SPOT ? 20 : 1;
    }

    private String prefix() {
        switch (market) {
            case USDM:
                return "/fapi/v1";
            case COINM:
                return "/dapi/v1";
            default:
                return "/api/v3";
        }
    }

    /**
     * Sends {@code GET path?query} of {@code weight} once the gate allows; fails without sending if
     * {@code current} turns false while waiting (the request was abandoned).
     */
    Future<byte[]> get(String path, Map<String, String> query, int weight, BooleanSupplier current) {
        Promise<Void> open = Promise.promise();
        awaitGate(weight, current, open, path);
        return open.future().compose(v -> request(path, query, weight));
    }

    private void awaitGate(int weight, BooleanSupplier current, Promise<Void> open, String path) {
        if (!current.getAsBoolean()) {
            open.fail(new RestException(0, 0, component + " " + path + ": request abandoned"));
            return;
        }
        long now = clock.millis();
        long at = gate.openAt(now, weight);
        if (at <= now) {
            open.complete();
        } else {
            Retry.after(vertx, clock, config.tickMillis(), at, () -> awaitGate(weight, current, open, path));
        }
    }

    private Future<byte[]> request(String path, Map<String, String> query, int weight) {
        gate.sent(clock.millis(), weight);
        return rest.get(config.binance().endpoint(market).restUrl() + path, query)
                .transform(ar -> {
                    long now = clock.millis();
                    gate.reported(now, rest.lastUsedWeight());
                    if (ar.failed() && ar.cause() instanceof RestException e) {
                        if (e.status() == 418) {
                            gate.banned(now, e.retryAfterMillis());
                            LOG.warn("{}: REST banned until {} (418)", component, gate.bannedUntil(now));
                        } else if (e.status() == 429) {
                            gate.limited(now, e.retryAfterMillis());
                        }
                    }
                    return ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause());
                });
    }
}
