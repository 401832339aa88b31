package io.candlebus.sim;

import io.candlebus.contract.Market;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own: {@code --port N --seed N --speed X [--start EPOCH_MS] [--history MINUTES]};
 * prints the base URLs and runs until the process is stopped.
 */
public final class SimulatorMain {
    private SimulatorMain() {}

    /** Starts the simulator from command-line flags. */
    public static void main(String[] args) throws InterruptedException {
        SimConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: SimulatorMain [--port N] [--seed N] [--speed X] [--start EPOCH_MS]"
                    + " [--history MINUTES]");
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        ExchangeSimulator sim;
        try {
            sim = ExchangeSimulator.start(vertx, config).await();
        } catch (Exception e) {
            System.err.println("simulator: could not start: " + e.getMessage());
            vertx.close().await();
            System.exit(1);
            return;
        }
        System.out.println("exchange-sim listening on port " + sim.port() + " (seed " + config.seed() + ", speed "
                + config.speed() + ")");
        for (Market m : Market.values()) {
            System.out.println(
                    "  binance " + m.wireName() + " REST " + sim.binanceRestUrl(m) + "  WS " + sim.binanceWsUrl(m));
        }
        System.out.println("  bithumb REST " + sim.bithumbRestUrl() + "  WS " + sim.bithumbWsUrl());
        System.out.println("  upbit REST " + sim.upbitRestUrl() + "  WS " + sim.upbitWsUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vertx.close().await();
            stopped.countDown();
        }));
        stopped.await();
    }

    static SimConfig parse(String[] args) {
        SimConfig config = SimConfig.defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + ": expected a value, was none");
            }
            String value = args[++i];
            try {
                config = switch (flag) {
                    case "--port" -> config.withPort(Integer.parseInt(value));
                    case "--seed" -> config.withSeed(Long.parseLong(value));
                    case "--speed" -> config.withSpeed(Double.parseDouble(value));
                    case "--start" -> config.withStartTime(Long.parseLong(value));
                    case "--history" -> config.withHistoryMinutes(Integer.parseInt(value));
                    default -> throw new IllegalArgumentException(
                            "flag: expected --port, --seed, --speed, --start or --history, was '" + flag + "'");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + ": expected a number, was '" + value + "'", e);
            }
        }
        return config;
    }
}
