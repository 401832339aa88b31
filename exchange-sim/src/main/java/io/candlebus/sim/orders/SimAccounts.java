package io.candlebus.sim.orders;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The accounts every simulator opens: one per venue, with well-known keys (they guard nothing; the real
 * venues' keys come only from the environment) and funds enough for any demo or test: 1,000,000,000 KRW
 * or 1,000,000 USDT (spot and USDT-M), and 10 of every simulated base asset (spot and COIN-M margin).
 */
public final class SimAccounts {
    /** The Bithumb account's access key. */
    public static final String BITHUMB_ACCESS_KEY = "sim-bithumb-access-key";
    /** The Bithumb account's secret key. */
    public static final String BITHUMB_SECRET_KEY = "sim-bithumb-secret-key";
    /** The Binance account's API key. */
    public static final String BINANCE_API_KEY = "sim-binance-api-key";
    /** The Binance account's API secret. */
    public static final String BINANCE_API_SECRET = "sim-binance-api-secret";

    private static final BigDecimal BASE_FUNDS = BigDecimal.TEN;

    private SimAccounts() {}

    static void openDefaults(OrderEngine engine, List<Instrument> instruments) {
        Map<String, BigDecimal> bithumb = new TreeMap<>(Map.of("KRW", new BigDecimal("1000000000")));
        Map<String, BigDecimal> binance = new TreeMap<>(Map.of("USDT", new BigDecimal("1000000")));
        Map<String, BigDecimal> usdm = new TreeMap<>(Map.of("USDT", new BigDecimal("1000000")));
        Map<String, BigDecimal> coinm = new TreeMap<>();
        for (Instrument i : instruments) {
            if (i.exchange() == Exchange.UPBIT) {
                // Upbit is simulated for market data only: no account, no orders.
                continue;
            }
            if (i.exchange() == Exchange.BITHUMB) {
                bithumb.put(Assets.base(i), BASE_FUNDS);
            } else if (i.market() == Market.SPOT) {
                binance.put(Assets.base(i), BASE_FUNDS);
            } else if (i.market() == Market.COINM) {
                coinm.put(Assets.base(i), BASE_FUNDS);
            }
        }
        engine.openAccount(SimVenue.BITHUMB, BITHUMB_ACCESS_KEY, BITHUMB_SECRET_KEY, bithumb);
        // One Binance key pair trades all three markets, as a real key with futures permission does.
        engine.openAccount(SimVenue.BINANCE_SPOT, BINANCE_API_KEY, BINANCE_API_SECRET, binance);
        engine.openAccount(SimVenue.BINANCE_USDM, BINANCE_API_KEY, BINANCE_API_SECRET, usdm);
        engine.openAccount(SimVenue.BINANCE_COINM, BINANCE_API_KEY, BINANCE_API_SECRET, coinm);
    }
}
