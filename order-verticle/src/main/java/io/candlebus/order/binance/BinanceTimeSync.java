package io.candlebus.order.binance;

import io.candlebus.contract.Market;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one Binance market's server-time offset with {@code GET /api/v3/time} (spot), {@code
 * /fapi/v1/time} (USDT-M) or {@code /dapi/v1/time} (COIN-M) and sets it on a {@link BinanceServerTime}.
 * Called at start, periodically, and when the venue refuses a timestamp (-1021); concurrent calls share the
 * measurement in flight. A failed measurement keeps the offset in force.
 */
public final class BinanceTimeSync {
    private static final Logger log = LoggerFactory.getLogger(BinanceTimeSync.class);
    /** How long a time request may take. */
    public static final long TIMEOUT_MILLIS = 5_000;

    private final WebClient client;
    private final String restUrl;
    private final Market market;
    private final BinanceServerTime time;
    private Future<Long> inFlight;

    /** Creates a sync for {@code market} at its REST base {@code restUrl}, correcting {@code time}. */
    public BinanceTimeSync(WebClient client, String restUrl, Market market, BinanceServerTime time) {
        this.client = Objects.requireNonNull(client, "client");
        this.restUrl = Objects.requireNonNull(restUrl, "restUrl");
        this.market = Objects.requireNonNull(market, "market");
        this.time = Objects.requireNonNull(time, "time");
    }

    /** Returns the corrected clock requests are stamped with. */
    public BinanceServerTime clock() {
        return time;
    }

    /** Returns the market whose time this measures. */
    public Market market() {
        return market;
    }

    /** Returns the path of the market's time endpoint. */
    static String path(Market market) {
        return switch (market) {
            case SPOT -> "/api/v3/time";
            case USDM -> "/fapi/v1/time";
            case COINM -> "/dapi/v1/time";
        };
    }

    /** Measures the offset once (or joins the measurement in flight); completes with the offset in force. */
    public synchronized Future<Long> sync() {
        if (inFlight != null) {
            return inFlight;
        }
        long sentAt = time.local().millis();
        Future<Long> measured = client.getAbs(restUrl + path(market))
                .timeout(TIMEOUT_MILLIS)
                .send()
                .compose(response -> {
                    long receivedAt = time.local().millis();
                    Long serverTime = serverTime(response.statusCode(), response.bodyAsString());
                    if (serverTime == null) {
                        return Future.failedFuture("binance " + market.wireName() + " " + path(market)
                                + ": expected HTTP 200 with a numeric serverTime, was HTTP " + response.statusCode());
                    }
                    long before = time.offsetMillis();
                    time.measured(sentAt, serverTime, receivedAt);
                    if (Math.abs(time.offsetMillis() - before) >= 1_000) {
                        log.info(
                                "binance {} server time offset {} ms (was {} ms, round trip {} ms)",
                                market.wireName(),
                                time.offsetMillis(),
                                before,
                                time.roundTripMillis());
                    }
                    return Future.succeededFuture(time.offsetMillis());
                });
        inFlight = measured;
        measured.onComplete(done -> {
            synchronized (this) {
                inFlight = null;
            }
            if (done.failed()) {
                log.warn(
                        "binance {} server time not measured: {}",
                        market.wireName(),
                        done.cause().getMessage());
            }
        });
        return measured;
    }

    private static Long serverTime(int status, String body) {
        if (status != 200 || body == null) {
            return null;
        }
        try {
            Object value = new JsonObject(body).getValue("serverTime");
            return value instanceof Number n ? n.longValue() : null;
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }
}
