package io.candlebus.order.live;

import io.candlebus.contract.Instrument;
import java.math.BigDecimal;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Positions as the broker holds them next to what the venues say. Futures (Binance USDT-M, COIN-M): the venue's
 * net {@code positionAmt}. Spot (Binance spot, Bithumb): the base asset's balance (free + locked), which counts
 * holdings candlebus did not buy, so it is reported and never replaces the position the journal's fills give.
 *
 * @param held the broker's position per instrument when the venues were asked (at reconcile: the journal's fills)
 * @param venue what the venue says per instrument: futures position, or spot base asset balance
 * @param errors why each venue market ({@code exchange:market}) could not be read
 */
public record VenuePositions(
        SortedMap<Instrument, BigDecimal> held,
        SortedMap<Instrument, BigDecimal> venue,
        SortedMap<String, String> errors) {

    public VenuePositions {
        held = new TreeMap<>(held);
        venue = new TreeMap<>(venue);
        errors = new TreeMap<>(errors);
    }

    /** Returns one line: {@code instrument held X venue Y} per instrument, then the markets not read. */
    public String summary() {
        TreeSet<Instrument> all = new TreeSet<>(held.keySet());
        all.addAll(venue.keySet());
        String rows = all.stream()
                .map(i -> i.key() + " held " + plain(held.get(i)) + " venue " + plain(venue.get(i)))
                .collect(Collectors.joining(", "));
        return "[" + rows + "]" + (errors.isEmpty() ? "" : " not read: " + String.join(", ", errors.keySet()));
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.toPlainString();
    }
}
