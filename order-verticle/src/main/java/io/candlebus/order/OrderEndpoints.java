package io.candlebus.order;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Market;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where orders go: the REST base of Bithumb and of each Binance market. In {@link OrderConfig} a null URL
 * means "not set in the config": the launcher then uses the simulator's under {@code --source sim} and
 * {@link #REAL} otherwise, while an URL set explicitly wins in every mode.
 *
 * @param bithumb Bithumb's REST base ({@code order.bithumb.restUrl})
 * @param binanceSpot Binance spot's REST base ({@code order.binance.spot.restUrl})
 * @param binanceUsdm Binance USDT-M's REST base ({@code order.binance.usdm.restUrl})
 * @param binanceCoinm Binance COIN-M's REST base ({@code order.binance.coinm.restUrl})
 */
public record OrderEndpoints(String bithumb, String binanceSpot, String binanceUsdm, String binanceCoinm) {

    /** The venues' real hosts. */
    public static final OrderEndpoints REAL = new OrderEndpoints(
            "https://api.bithumb.com",
            "https://api.binance.com",
            "https://fapi.binance.com",
            "https://dapi.binance.com");

    /** Nothing set: every URL comes from the mode's defaults. */
    public static final OrderEndpoints UNSET = new OrderEndpoints(null, null, null, null);

    public OrderEndpoints {
        bithumb = check(bithumb, "order.bithumb.restUrl");
        binanceSpot = check(binanceSpot, "order.binance.spot.restUrl");
        binanceUsdm = check(binanceUsdm, "order.binance.usdm.restUrl");
        binanceCoinm = check(binanceCoinm, "order.binance.coinm.restUrl");
    }

    /** Returns these URLs, each unset one taken from {@code fallback}. */
    public OrderEndpoints orElse(OrderEndpoints fallback) {
        return new OrderEndpoints(
                bithumb != null ? bithumb : fallback.bithumb(),
                binanceSpot != null ? binanceSpot : fallback.binanceSpot(),
                binanceUsdm != null ? binanceUsdm : fallback.binanceUsdm(),
                binanceCoinm != null ? binanceCoinm : fallback.binanceCoinm());
    }

    /** Returns the REST base of Binance {@code market}. */
    public String binance(Market market) {
        return switch (market) {
            case SPOT -> binanceSpot;
            case USDM -> binanceUsdm;
            case COINM -> binanceCoinm;
        };
    }

    /** Returns whether every URL is set. */
    public boolean complete() {
        return bithumb != null && binanceSpot != null && binanceUsdm != null && binanceCoinm != null;
    }

    /**
     * Checks that {@code url} (null allowed: unset) is an absolute http:// or https:// URL with a host, no
     * query and no fragment, and returns it without a trailing slash.
     */
    static String check(String url, String path) {
        if (url == null) {
            return null;
        }
        String expected = "an http:// or https:// URL such as https://api.bithumb.com";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(path, expected, url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null
                || uri.getHost().isEmpty()
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new ConfigException(path, expected, url);
        }
        String trimmed = url;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
