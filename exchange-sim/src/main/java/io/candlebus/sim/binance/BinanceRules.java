package io.candlebus.sim.binance;

import io.candlebus.contract.Market;

/** Holds what differs between Binance's three markets: paths, limits, weights, pings and message caps. */
enum BinanceRules {
    SPOT(Market.SPOT, "/api/v3", 1000, 6000, 20_000L, 60_000L, 5),
    USDM(Market.USDM, "/fapi/v1", 1500, 2400, 180_000L, 600_000L, 10),
    COINM(Market.COINM, "/dapi/v1", 1500, 2400, 180_000L, 600_000L, 10);

    /** COIN-M's longest window between startTime and endTime. */
    static final long COINM_MAX_WINDOW_MILLIS = 200L * 86_400_000L;

    private final Market market;
    private final String apiPrefix;
    private final int maxLimit;
    private final int weightLimit;
    private final long pingMillis;
    private final long pongTimeoutMillis;
    private final int messagesPerSecond;

    BinanceRules(
            Market market,
            String apiPrefix,
            int maxLimit,
            int weightLimit,
            long pingMillis,
            long pongTimeoutMillis,
            int messagesPerSecond) {
        this.market = market;
        this.apiPrefix = apiPrefix;
        this.maxLimit = maxLimit;
        this.weightLimit = weightLimit;
        this.pingMillis = pingMillis;
        this.pongTimeoutMillis = pongTimeoutMillis;
        this.messagesPerSecond = messagesPerSecond;
    }

    static BinanceRules of(Market market) {
        return switch (market) {
            case SPOT -> SPOT;
            case USDM -> USDM;
            case COINM -> COINM;
        };
    }

    Market market() {
        return market;
    }

    boolean isFutures() {
        return market != Market.SPOT;
    }

    /** Returns the REST path prefix below the venue base, e.g. {@code /binance/spot/api/v3}. */
    String restPrefix() {
        return "/binance/" + market.wireName() + apiPrefix;
    }

    int maxLimit() {
        return maxLimit;
    }

    int weightLimit() {
        return weightLimit;
    }

    long pingMillis() {
        return pingMillis;
    }

    long pongTimeoutMillis() {
        return pongTimeoutMillis;
    }

    int messagesPerSecond() {
        return messagesPerSecond;
    }

    /** Returns the request weight of a klines call for {@code limit} rows. */
    int klinesWeight(int limit) {
        if (!isFutures()) {
            return 2;
        }
        if (limit < 100) {
            return 1;
        }
        if (limit < 500) {
            return 2;
        }
        return limit <= 1000 ? 5 : 10;
    }
}
