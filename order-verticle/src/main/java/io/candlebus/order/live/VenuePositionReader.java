package io.candlebus.order.live;

import io.candlebus.contract.Instrument;
import io.candlebus.order.paper.InstrumentAssets;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads a venue market's positions: on futures the venue's net position per instrument (every instrument it
 * holds, and zero for an asked one it does not); on spot, where the venue has no positions, each asked
 * instrument's base asset balance, free + locked (an instrument whose base asset cannot be told is left out).
 */
final class VenuePositionReader {
    private VenuePositionReader() {}

    /**
     * Reads the positions of {@code instruments} at {@code venue}; a futures answer is also handed to {@code
     * futures} as the venue sent it. Fails when the venue cannot be read.
     */
    static Future<Map<Instrument, BigDecimal>> read(
            VenueOrders venue,
            long timeoutMillis,
            Collection<Instrument> instruments,
            Consumer<Map<Instrument, BigDecimal>> futures) {
        return venue.positions(timeoutMillis).compose(held -> {
            if (held.isPresent()) {
                futures.accept(held.get());
                Map<Instrument, BigDecimal> read = new TreeMap<>(held.get());
                instruments.forEach(i -> read.putIfAbsent(i, BigDecimal.ZERO));
                return Future.succeededFuture(read);
            }
            return venue.balances(timeoutMillis).map(balances -> {
                Map<Instrument, BigDecimal> read = new TreeMap<>();
                for (Instrument instrument : instruments) {
                    String base;
                    try {
                        base = InstrumentAssets.of(instrument).base();
                    } catch (IllegalArgumentException e) {
                        continue;
                    }
                    read.put(
                            instrument,
                            balances.stream()
                                    .filter(b -> b.asset().equals(base))
                                    .map(b -> b.free().add(b.locked()))
                                    .reduce(BigDecimal.ZERO, BigDecimal::add));
                }
                return read;
            });
        });
    }
}
