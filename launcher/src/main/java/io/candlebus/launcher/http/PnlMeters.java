package io.candlebus.launcher.http;

import io.candlebus.contract.PnlSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Exports the order node's PnL ({@code orders.pnl}) as Prometheus gauges: per instrument {@code
 * candlebus_pnl_realised}, {@code candlebus_pnl_unrealised}, {@code candlebus_pnl_realised_today} (tags {@code
 * instrument}, {@code asset}), and per settlement asset {@code candlebus_pnl_total_realised}, {@code
 * candlebus_pnl_total_unrealised}, {@code candlebus_pnl_total_realised_today} (tag {@code asset}). Used on one
 * event loop.
 */
final class PnlMeters {
    private final MeterRegistry registry;
    /** Micrometer keeps weak references to the values: this map keeps the strong ones. */
    private final Map<String, AtomicReference<Double>> values = new HashMap<>();

    PnlMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void onSnapshot(PnlSnapshot snapshot) {
        for (PnlSnapshot.Line line : snapshot.instruments()) {
            Tags tags = Tags.of("instrument", line.instrument().key(), "asset", line.asset());
            set("candlebus_pnl_realised", tags, line.realised());
            set("candlebus_pnl_unrealised", tags, line.unrealised());
            set("candlebus_pnl_realised_today", tags, line.realisedToday());
        }
        for (PnlSnapshot.Total total : snapshot.totals()) {
            Tags tags = Tags.of("asset", total.asset());
            set("candlebus_pnl_total_realised", tags, total.realised());
            set("candlebus_pnl_total_unrealised", tags, total.unrealised());
            set("candlebus_pnl_total_realised_today", tags, total.realisedToday());
        }
    }

    private void set(String name, Tags tags, BigDecimal value) {
        values.computeIfAbsent(name + tags, k -> {
                    AtomicReference<Double> holder = new AtomicReference<>(0.0);
                    Gauge.builder(name, holder, AtomicReference::get)
                            .description("profit and loss of the order node's fills, in the settlement asset")
                            .tags(tags)
                            .register(registry);
                    return holder;
                })
                .set(value.doubleValue());
    }
}
