package io.candlebus.order;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Instrument;
import io.candlebus.order.paper.PaperSettings;
import io.candlebus.order.pnl.DailyLossLimit;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Configures the order verticle. JSON form, every key optional:
 *
 * <pre>{@code
 * {"mode": "paper", "tradeSignals": true, "maxOrdersPerMinute": 10, "maxSignalAgeMillis": 60000,
 *  "maxPriceDeviationPercent": 10,
 *  "bithumb": {"restUrl": "https://api.bithumb.com"},
 *  "binance": {"spot": {"restUrl": "https://api.binance.com"}, "usdm": {"restUrl": "https://fapi.binance.com"},
 *              "coinm": {"restUrl": "https://dapi.binance.com"}},
 *  "journalDir": "data/orders", "pollMillis": 1000, "lookupDeadlineMillis": 30000, "killSwitch": false,
 *  "paper": {"slippageBps": 5}, "risk": {"maxDailyLoss": {"USDT": "100"}},
 *  "defaults": {"quantity": "0.001", "maxOrderQuantity": "0.01", "maxPosition": "0.01"},
 *  "instruments": {"bithumb:spot:KRW-XRP": {"quantity": "100", "maxOrderQuantity": "1000", "maxPosition": "1000",
 *                                          "maxNotional": "1000000"}}}
 * }</pre>
 *
 * <p>Decimals may be JSON strings (exact, preferred) or numbers. An instrument entry overrides only the
 * fields it gives. The defaults size orders for BTC (0.001 BTC, about 87 USDT or 130,000 KRW); any other
 * asset needs its own entry, and a COIN-M entry counts contracts.
 *
 * @param mode {@code paper} (default: orders are filled by the paper broker, nothing reaches a venue) or
 *     {@code live} (orders go to the venues' private REST endpoints, signed with keys from the environment)
 * @param tradeSignals whether signals become orders (default true); {@code orders.submit} works either way
 * @param maxOrdersPerMinute most orders sent to the broker in any 60 s, all instruments together
 *     (default 10)
 * @param maxSignalAgeMillis a signal whose candle closed longer ago than this (by the clock) is not
 *     traded: history replayed at start-up or after a gap fill raises signals that are no longer actionable
 *     (default 60000)
 * @param defaultSettings sizing and limits of instruments without an entry (JSON key {@code defaults})
 * @param instruments sizing and limits per instrument
 * @param endpoints the order endpoints set in the config; an unset (null) one is the simulator's under
 *     {@code --source sim} and the real host otherwise (see {@link OrderEndpoints})
 * @param journalDir the directory of the live order journal; null = {@code <recorder.dataDir>/orders}
 * @param pollMillis how often live mode looks up open orders until they are final (default 1000)
 * @param lookupDeadlineMillis how long live mode looks an order with an unclear outcome up by client order id
 *     before deciding it was not placed (default 30000)
 * @param killSwitch whether the kill switch starts tripped (default false): no order is placed until a
 *     token-guarded {@code DELETE /orders/kill} clears it
 * @param paper the paper account and fills (JSON key {@code paper}, see {@link PaperSettings})
 * @param maxDailyLoss the realised loss per UTC day that trips the kill switch (JSON {@code risk.maxDailyLoss}, see
 *     {@link DailyLossLimit}; default off)
 * @param risk the fat-finger guard ({@link RiskSettings})
 */
public record OrderConfig(
        String mode,
        boolean tradeSignals,
        int maxOrdersPerMinute,
        long maxSignalAgeMillis,
        InstrumentSettings defaultSettings,
        Map<Instrument, InstrumentSettings> instruments,
        OrderEndpoints endpoints,
        String journalDir,
        long pollMillis,
        long lookupDeadlineMillis,
        boolean killSwitch,
        PaperSettings paper,
        DailyLossLimit maxDailyLoss,
        RiskSettings risk) {

    /** The paper mode: orders are filled by {@code PaperBroker}, nothing reaches a venue. */
    public static final String PAPER = "paper";

    /** The live mode: orders are signed and sent to the venues (or the simulator's private endpoints). */
    public static final String LIVE = "live";

    static final String MODES = "'paper' or 'live'";
    static final long DEFAULT_POLL_MILLIS = 1_000;
    static final long DEFAULT_LOOKUP_DEADLINE_MILLIS = 30_000;

    public OrderConfig {
        if (!PAPER.equals(mode) && !LIVE.equals(mode)) {
            throw new ConfigException("mode", MODES, mode);
        }
        endpoints = endpoints == null ? OrderEndpoints.UNSET : endpoints;
        paper = paper == null ? PaperSettings.defaults() : paper;
        maxDailyLoss = maxDailyLoss == null ? DailyLossLimit.OFF : maxDailyLoss;
        risk = risk == null ? RiskSettings.defaults() : risk;
        if (journalDir != null && journalDir.isBlank()) {
            throw new ConfigException("journalDir", "a directory path", journalDir);
        }
        if (pollMillis < 10 || pollMillis > 3_600_000) {
            throw new ConfigException("pollMillis", "an integer from 10 to 3600000", pollMillis);
        }
        if (lookupDeadlineMillis < 0 || lookupDeadlineMillis > 3_600_000) {
            throw new ConfigException("lookupDeadlineMillis", "an integer from 0 to 3600000", lookupDeadlineMillis);
        }
        if (maxOrdersPerMinute < 1) {
            throw new ConfigException("maxOrdersPerMinute", "an integer >= 1", maxOrdersPerMinute);
        }
        if (maxSignalAgeMillis < 0) {
            throw new ConfigException("maxSignalAgeMillis", "an integer >= 0", maxSignalAgeMillis);
        }
        defaultSettings.check("defaults");
        instruments = Map.copyOf(instruments);
        instruments.forEach((instrument, settings) -> settings.check("instruments." + instrument.key()));
    }

    /**
     * Creates a config with the default endpoints, journal directory, live timings, paper settings and risk
     * settings, and the kill switch armed (not tripped).
     */
    public OrderConfig(
            String mode,
            boolean tradeSignals,
            int maxOrdersPerMinute,
            long maxSignalAgeMillis,
            InstrumentSettings defaultSettings,
            Map<Instrument, InstrumentSettings> instruments) {
        this(
                mode,
                tradeSignals,
                maxOrdersPerMinute,
                maxSignalAgeMillis,
                defaultSettings,
                instruments,
                OrderEndpoints.UNSET,
                null,
                DEFAULT_POLL_MILLIS,
                DEFAULT_LOOKUP_DEADLINE_MILLIS,
                false,
                null,
                null,
                null);
    }

    /** Returns paper mode, signals traded, 10 orders a minute, 0.001 per order, 0.01 per order and position. */
    public static OrderConfig defaults() {
        return new OrderConfig(
                PAPER,
                true,
                10,
                60_000L,
                new InstrumentSettings(new BigDecimal("0.001"), new BigDecimal("0.01"), new BigDecimal("0.01")),
                Map.of());
    }

    /** Returns whether orders go to the venues. */
    public boolean live() {
        return LIVE.equals(mode);
    }

    /** Returns this config in {@code newMode} ({@code paper} or {@code live}). */
    public OrderConfig withMode(String newMode) {
        return toBuilder().mode(newMode).build();
    }

    /** Returns this config with {@code newEndpoints} as the endpoints set in the config. */
    public OrderConfig withEndpoints(OrderEndpoints newEndpoints) {
        return toBuilder().endpoints(newEndpoints).build();
    }

    /** Returns this config with {@code newPaper} as its paper settings and {@code newMaxDailyLoss} as its limit. */
    public OrderConfig withPaper(PaperSettings newPaper, DailyLossLimit newMaxDailyLoss) {
        return toBuilder().paper(newPaper).maxDailyLoss(newMaxDailyLoss).build();
    }

    /**
     * Returns a builder holding this config's values: the one place that copies every component, so a
     * new setting is added to the record, its check, {@link #defaults()} and {@link OrderConfigBuilder}.
     */
    public OrderConfigBuilder toBuilder() {
        return new OrderConfigBuilder(this);
    }

    /** Returns the sizing and limits of {@code instrument}: its entry, else the defaults. */
    public InstrumentSettings settingsFor(Instrument instrument) {
        return instruments.getOrDefault(instrument, defaultSettings);
    }

    /**
     * Reads a config from {@code json}, starting from the defaults; {@code path} (e.g. {@code order})
     * prefixes the field names in errors. Throws {@link ConfigException} on a bad value or unknown key.
     */
    public static OrderConfig fromJson(JsonObject json, String path) {
        return OrderConfigJson.read(json, path);
    }
}
