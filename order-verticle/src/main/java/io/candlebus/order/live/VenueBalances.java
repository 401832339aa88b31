package io.candlebus.order.live;

import io.candlebus.order.AssetBalance;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The balances of every venue market with keys, keyed {@code exchange:market} (e.g. {@code binance:usdm}):
 * those read, and for the others what went wrong. A market the keys may not trade (no futures permission,
 * say) fails alone; the others still answer.
 *
 * @param balances what each market read holds, per asset
 * @param errors why each other market could not be read
 */
public record VenueBalances(SortedMap<String, List<AssetBalance>> balances, SortedMap<String, String> errors) {

    public VenueBalances {
        balances = new TreeMap<>(balances);
        errors = new TreeMap<>(errors);
    }

    /** Returns one line: {@code venue [ASSET free/locked, ...]} per market read (assets held only), then failures. */
    public String summary() {
        String read = balances.entrySet().stream()
                .map(e -> e.getKey() + " ["
                        + e.getValue().stream()
                                .filter(b ->
                                        b.free().signum() != 0 || b.locked().signum() != 0)
                                .map(b -> b.asset() + " " + b.free().toPlainString() + "/"
                                        + b.locked().toPlainString())
                                .collect(Collectors.joining(", "))
                        + "]")
                .collect(Collectors.joining(" "));
        return errors.isEmpty() ? read : read + "; not read: " + String.join(", ", errors.keySet());
    }
}
