package io.candlebus.sim.orders;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * One simulated trading account: its API key pair and its balances, each free (spendable) and locked
 * (reserved by open orders). Only {@link OrderEngine} changes it, under its lock.
 */
public final class SimAccount {
    private final SimVenue venue;
    private final String key;
    private final String secret;
    private final Map<String, BigDecimal[]> balances = new TreeMap<>();
    private final FuturesBook futures = new FuturesBook();

    SimAccount(SimVenue venue, String key, String secret, Map<String, BigDecimal> funds) {
        this.venue = venue;
        this.key = key;
        this.secret = secret;
        funds.forEach((asset, amount) -> balances.put(asset, new BigDecimal[] {amount, BigDecimal.ZERO}));
    }

    /** Returns the venue the account trades on. */
    public SimVenue venue() {
        return venue;
    }

    /** Returns the API key (Bithumb access key, Binance API key). */
    public String key() {
        return key;
    }

    /** Returns the signing secret; only the simulator's request verifiers read it. */
    public String secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "SimAccount[" + venue + "]";
    }

    BigDecimal free(String asset) {
        return entry(asset)[0];
    }

    BigDecimal locked(String asset) {
        return entry(asset)[1];
    }

    /** Moves {@code amount} of {@code asset} from free to locked; false (and nothing moved) if short. */
    boolean lock(String asset, BigDecimal amount) {
        BigDecimal[] e = entry(asset);
        if (e[0].compareTo(amount) < 0) {
            return false;
        }
        e[0] = e[0].subtract(amount);
        e[1] = e[1].add(amount);
        return true;
    }

    /** Takes {@code amount} of {@code asset} out of locked (spent by a fill). */
    void spendLocked(String asset, BigDecimal amount) {
        BigDecimal[] e = entry(asset);
        e[1] = e[1].subtract(amount);
    }

    /** Moves {@code amount} of {@code asset} from locked back to free. */
    void unlock(String asset, BigDecimal amount) {
        BigDecimal[] e = entry(asset);
        e[1] = e[1].subtract(amount);
        e[0] = e[0].add(amount);
    }

    /** Moves {@code amount} (negative: back) of {@code asset} from free to locked, even past zero free. */
    void shiftToLocked(String asset, BigDecimal amount) {
        BigDecimal[] e = entry(asset);
        e[0] = e[0].subtract(amount);
        e[1] = e[1].add(amount);
    }

    FuturesBook futures() {
        return futures;
    }

    /** Adds {@code amount} of {@code asset} to free (received by a fill, or deposited); negative takes. */
    void credit(String asset, BigDecimal amount) {
        BigDecimal[] e = entry(asset);
        e[0] = e[0].add(amount);
    }

    /** Returns every balance as {@code asset -> [free, locked]}, copied. */
    Map<String, BigDecimal[]> snapshot() {
        Map<String, BigDecimal[]> out = new TreeMap<>();
        balances.forEach((asset, e) -> out.put(asset, new BigDecimal[] {e[0], e[1]}));
        return out;
    }

    private BigDecimal[] entry(String asset) {
        return balances.computeIfAbsent(asset, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    }
}
