package io.candlebus.market;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Market;
import java.util.Map;

/**
 * The Binance settings of the market verticle ({@code market.binance}).
 *
 * @param endpoints REST base and websocket base per Binance market (the websocket base gets
 *     {@code /stream?streams=...} appended; USDT-M needs the {@code /market} prefix)
 * @param rotateAfterMillis clock age at which a Binance connection is replaced make-before-break (before
 *     the venue's 24 h cut); 0 turns rotation off
 * @param streamsPerConnection streams on one websocket connection at most; more instruments of a market
 *     are spread over further connections
 * @param restWeightLimit REST request weight per minute the feed stays under, judged by the venue's
 *     {@code X-MBX-USED-WEIGHT-1M} answer header
 */
public record BinanceSettings(
        Map<Market, Endpoint> endpoints, long rotateAfterMillis, int streamsPerConnection, int restWeightLimit) {

    /** Binance cuts every connection at 24 h, so a rotation must come before that. */
    static final long MAX_ROTATE_MILLIS = 24L * 3_600_000;

    public BinanceSettings {
        endpoints = checkEndpoints(endpoints, "market.binance");
        MarketConfig.range(rotateAfterMillis, 0, MAX_ROTATE_MILLIS, "market.binance.rotateAfterMillis");
        MarketConfig.range(streamsPerConnection, 1, 1_024, "market.binance.streamsPerConnection");
        MarketConfig.range(restWeightLimit, 1, 6_000, "market.binance.restWeightLimit");
    }

    /**
     * Returns the real hosts, connections rotated after 23 h, 1024 streams per connection and a REST
     * weight budget of 1200 per minute (half the smallest market limit, futures' 2400, so other clients on
     * the same IP fit).
     */
    public static BinanceSettings defaults() {
        return new BinanceSettings(MarketConfig.BINANCE_ENDPOINTS, 23L * 3_600_000, 1_024, 1_200);
    }

    /** Returns the endpoint of {@code market}. */
    public Endpoint endpoint(Market market) {
        return endpoints.get(market);
    }

    /** Returns these settings with other endpoints. */
    public BinanceSettings withEndpoints(Map<Market, Endpoint> newEndpoints) {
        return new BinanceSettings(newEndpoints, rotateAfterMillis, streamsPerConnection, restWeightLimit);
    }

    /** Returns these settings with other connection settings. */
    public BinanceSettings withConnections(long newRotateAfterMillis, int newStreamsPerConnection) {
        return new BinanceSettings(endpoints, newRotateAfterMillis, newStreamsPerConnection, restWeightLimit);
    }

    static Map<Market, Endpoint> checkEndpoints(Map<Market, Endpoint> endpoints, String path) {
        if (endpoints == null) {
            throw new ConfigException(path, "endpoints for spot, usdm and coinm", null);
        }
        for (Market m : Market.values()) {
            if (endpoints.get(m) == null) {
                throw new ConfigException(path + "." + m.wireName(), "an endpoint", null);
            }
        }
        return Map.copyOf(endpoints);
    }
}
