package io.candlebus.order;

import io.candlebus.contract.Instrument;
import io.candlebus.order.paper.PaperSettings;
import io.candlebus.order.pnl.DailyLossLimit;
import java.util.Map;

/**
 * Changes some settings of an {@link OrderConfig} and keeps the rest ({@link OrderConfig#toBuilder()}); {@link
 * #build()} runs the record's checks, so a builder never yields an invalid config.
 */
public final class OrderConfigBuilder {
    private String mode;
    private boolean tradeSignals;
    private int maxOrdersPerMinute;
    private long maxSignalAgeMillis;
    private InstrumentSettings defaultSettings;
    private Map<Instrument, InstrumentSettings> instruments;
    private OrderEndpoints endpoints;
    private String journalDir;
    private long pollMillis;
    private long lookupDeadlineMillis;
    private boolean killSwitch;
    private PaperSettings paper;
    private DailyLossLimit maxDailyLoss;
    private RiskSettings risk;

    OrderConfigBuilder(OrderConfig c) {
        mode = c.mode();
        tradeSignals = c.tradeSignals();
        maxOrdersPerMinute = c.maxOrdersPerMinute();
        maxSignalAgeMillis = c.maxSignalAgeMillis();
        defaultSettings = c.defaultSettings();
        instruments = c.instruments();
        endpoints = c.endpoints();
        journalDir = c.journalDir();
        pollMillis = c.pollMillis();
        lookupDeadlineMillis = c.lookupDeadlineMillis();
        killSwitch = c.killSwitch();
        paper = c.paper();
        maxDailyLoss = c.maxDailyLoss();
        risk = c.risk();
    }

    /** Returns the config these values make; throws {@link io.candlebus.contract.ConfigException} as the record does. */
    public OrderConfig build() {
        return new OrderConfig(
                mode,
                tradeSignals,
                maxOrdersPerMinute,
                maxSignalAgeMillis,
                defaultSettings,
                instruments,
                endpoints,
                journalDir,
                pollMillis,
                lookupDeadlineMillis,
                killSwitch,
                paper,
                maxDailyLoss,
                risk);
    }

    public OrderConfigBuilder mode(String value) {
        mode = value;
        return this;
    }

    public OrderConfigBuilder tradeSignals(boolean value) {
        tradeSignals = value;
        return this;
    }

    public OrderConfigBuilder maxOrdersPerMinute(int value) {
        maxOrdersPerMinute = value;
        return this;
    }

    public OrderConfigBuilder maxSignalAgeMillis(long value) {
        maxSignalAgeMillis = value;
        return this;
    }

    public OrderConfigBuilder defaultSettings(InstrumentSettings value) {
        defaultSettings = value;
        return this;
    }

    public OrderConfigBuilder instruments(Map<Instrument, InstrumentSettings> value) {
        instruments = value;
        return this;
    }

    public OrderConfigBuilder endpoints(OrderEndpoints value) {
        endpoints = value;
        return this;
    }

    public OrderConfigBuilder journalDir(String value) {
        journalDir = value;
        return this;
    }

    public OrderConfigBuilder pollMillis(long value) {
        pollMillis = value;
        return this;
    }

    public OrderConfigBuilder lookupDeadlineMillis(long value) {
        lookupDeadlineMillis = value;
        return this;
    }

    public OrderConfigBuilder killSwitch(boolean value) {
        killSwitch = value;
        return this;
    }

    public OrderConfigBuilder paper(PaperSettings value) {
        paper = value;
        return this;
    }

    public OrderConfigBuilder maxDailyLoss(DailyLossLimit value) {
        maxDailyLoss = value;
        return this;
    }

    public OrderConfigBuilder risk(RiskSettings value) {
        risk = value;
        return this;
    }
}
