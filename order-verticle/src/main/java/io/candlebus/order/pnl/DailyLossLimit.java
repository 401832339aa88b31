package io.candlebus.order.pnl;

import io.candlebus.contract.ConfigException;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code order.risk.maxDailyLoss}: the largest realised loss allowed per UTC day, per settlement asset (all the
 * instruments settling in USDT together, all KRW markets together, ...), e.g. {@code {"USDT": "100", "KRW":
 * "150000"}}. Realised means closed positions, after fees. An asset without an entry has no limit; empty (the
 * default) = off.
 */
public record DailyLossLimit(Map<String, BigDecimal> maxLossByAsset) {

    /** No limit. */
    public static final DailyLossLimit OFF = new DailyLossLimit(Map.of());

    public DailyLossLimit {
        maxLossByAsset = Map.copyOf(new TreeMap<>(maxLossByAsset));
        maxLossByAsset.forEach((asset, max) -> {
            if (max.signum() <= 0) {
                throw new ConfigException("maxDailyLoss." + asset, "a decimal > 0", max.toPlainString());
            }
        });
    }

    /** Reads the JSON object at {@code path} (null = off); throws {@link ConfigException} naming the field. */
    public static DailyLossLimit fromJson(Object json, String path) {
        if (json == null) {
            return OFF;
        }
        if (!(json instanceof JsonObject object)) {
            throw new ConfigException(path, "a JSON object of asset to loss, such as {\"USDT\": \"100\"}", json);
        }
        Map<String, BigDecimal> limits = new TreeMap<>();
        for (String asset : object.fieldNames()) {
            Object value = object.getValue(asset);
            BigDecimal max = null;
            if (value instanceof String || value instanceof Number) {
                try {
                    max = new BigDecimal(value.toString());
                } catch (NumberFormatException e) {
                    // Reported below.
                }
            }
            if (max == null || max.signum() <= 0 || !asset.matches("[A-Z0-9]{1,20}")) {
                throw new ConfigException(
                        path + "." + asset, "an upper-case asset and a decimal > 0 such as \"100\"", value);
            }
            limits.put(asset, max);
        }
        return new DailyLossLimit(limits);
    }

    /**
     * Returns why the kill switch must trip: the first asset whose realised PnL today (UTC) in {@code book} is
     * below minus its limit at {@code now}; empty while every asset is within its limit.
     */
    public Optional<String> breach(PnlBook book, long now) {
        for (Map.Entry<String, BigDecimal> limit : maxLossByAsset.entrySet()) {
            BigDecimal today = book.realisedToday(limit.getKey(), now);
            if (today.compareTo(limit.getValue().negate()) < 0) {
                LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(now, 86_400_000L));
                return Optional.of("daily loss limit order.risk.maxDailyLoss." + limit.getKey() + " "
                        + limit.getValue().toPlainString() + " exceeded: realised PnL on " + day + " (UTC) is "
                        + today.setScale(8, RoundingMode.HALF_EVEN)
                                .stripTrailingZeros()
                                .toPlainString()
                        + " " + limit.getKey());
            }
        }
        return Optional.empty();
    }

    /** Returns whether any limit is set. */
    public boolean on() {
        return !maxLossByAsset.isEmpty();
    }
}
