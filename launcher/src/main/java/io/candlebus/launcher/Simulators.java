package io.candlebus.launcher;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.launcher.AppConfig.SimSettings;
import io.candlebus.market.MarketConfig;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.SimInstrument;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Builds the demo simulator's configuration from the node's settings, and runs it on its own. */
final class Simulators {
    /** The fastest simulator clock {@code SimConfig} accepts. */
    static final double MAX_SPEED = 100_000;

    private Simulators() {}

    /**
     * Returns the simulator set-up for a node: the demo instruments and the Upbit demo markets, plus a generic
     * market for any configured instrument these lack, so that {@code --instruments} works in the demo too.
     */
    static SimConfig config(SimSettings settings, MarketConfig market) {
        SimConfig demo = SimConfig.demo();
        List<SimInstrument> instruments = new ArrayList<>(demo.instruments());
        // Served whether or not the node follows Upbit: a market nobody asks for costs a little generation.
        instruments.addAll(SimConfig.upbitDemoInstruments());
        Set<Instrument> known =
                instruments.stream().map(SimInstrument::instrument).collect(Collectors.toSet());
        for (Instrument i : market.instruments()) {
            if (!known.contains(i)) {
                instruments.add(generic(i));
            }
        }
        return demo.withSeed(settings.seed())
                .withSpeed(settings.speed())
                .withPort(settings.port())
                .withStartTime(settings.startTime())
                .withInstruments(instruments);
    }

    /** Returns a simulator of exactly {@code wanted}: the demo's set-up for those it has, a generic one else. */
    static List<SimInstrument> instruments(List<Instrument> wanted) {
        List<SimInstrument> known = new ArrayList<>(SimConfig.demoInstruments());
        known.addAll(SimConfig.upbitDemoInstruments());
        List<SimInstrument> out = new ArrayList<>();
        for (Instrument i : wanted) {
            out.add(known.stream()
                    .filter(s -> s.instrument().equals(i))
                    .findFirst()
                    .orElseGet(() -> generic(i)));
        }
        return out;
    }

    private static SimInstrument generic(Instrument i) {
        return switch (i.exchange()) {
            case BITHUMB, UPBIT -> SimInstrument.of(i.key(), "100000", "10", "0.0001", 30)
                    .withMeanQuantity("1");
            case BINANCE -> i.market() == Market.COINM
                    ? SimInstrument.inverse(i.key(), "100.000", "0.001", "10", 30)
                    : SimInstrument.of(i.key(), "100.00", "0.01", "0.001", 60).withMeanQuantity("1");
        };
    }

    /** Runs only the simulator until the process is stopped; prints its base URLs. */
    static int runStandalone(SimSettings settings, MarketConfig market) {
        Vertx vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        ExchangeSimulator sim;
        try {
            sim = ExchangeSimulator.start(vertx, config(settings, market)).await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable told = BindFailures.explain(e, "sim.port", settings.port(), "sim.port", "127.0.0.1");
            System.err.println("candlebus sim: start-up failed: " + told.getMessage());
            vertx.close();
            return 1;
        }
        for (Market m : Market.values()) {
            System.out.printf(
                    "binance %-5s REST %s   websocket %s%n", m.wireName(), sim.binanceRestUrl(m), sim.binanceWsUrl(m));
        }
        System.out.printf("bithumb       REST %s   websocket %s%n", sim.bithumbRestUrl(), sim.bithumbWsUrl());
        System.out.printf("upbit         REST %s   websocket %s%n", sim.upbitRestUrl(), sim.upbitWsUrl());
        CleanShutdown.install("stopping the simulator", () -> Node.closeAfter(sim.close(), vertx));
        return 0;
    }
}
