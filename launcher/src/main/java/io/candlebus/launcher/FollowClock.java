package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.ConfigReader;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Market;
import io.candlebus.launcher.AppConfig.Source;
import io.candlebus.market.Endpoint;
import io.candlebus.market.MarketConfig;
import io.candlebus.order.OrderConfig;
import io.candlebus.sim.SimClock;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code sim.followClock}, for tests only: a node in live mode whose clock follows a simulator another process runs
 * (a test driving several nodes against one simulator) instead of the wall clock. That simulator's clock read
 * {@code simTime} at wall time {@code wallTime} and runs {@code speed} times real time, so this node's clock reads
 * {@code simTime + (wall now - wallTime) * speed}; on one machine the two agree to within a wall-clock millisecond
 * times the speed, far inside the candles' close grace.
 *
 * <p>It can never run against a venue: it is refused unless every market endpoint is on loopback (a simulator on
 * this machine), and with live orders. A real venue's trades judged by a clock running faster would close candles
 * early and wrongly.
 */
record FollowClock(long simTime, long wallTime, double speed) {
    static final String PATH = "sim.followClock";
    private static final Set<String> KEYS = Set.of("simTime", "wallTime", "speed");

    /** Reads {@code sim.followClock} from the {@code sim} section; null when it is absent. */
    static FollowClock fromJson(ConfigReader sim) {
        if (!sim.has("followClock")) {
            return null;
        }
        ConfigReader follow = sim.child("followClock", KEYS);
        for (String key : KEYS) {
            if (!follow.has(key)) {
                throw new ConfigException(follow.at(key), "set (simTime, wallTime and speed are all needed)", null);
            }
        }
        return new FollowClock(
                follow.longValue("simTime", 0, 0, Long.MAX_VALUE),
                follow.longValue("wallTime", 0, 0, Long.MAX_VALUE),
                follow.number("speed", 1, 0, Simulators.MAX_SPEED));
    }

    /**
     * Refuses the setting anywhere but against a simulator on this machine: only with {@code source live}
     * ({@code source sim} runs its own simulator and follows its clock), never with {@code order.mode live}, and
     * only when every market endpoint is a loopback address.
     */
    void check(Source source, OrderConfig order, MarketConfig market) {
        if (source != Source.LIVE) {
            throw new ConfigException(
                    PATH, "source live (with source sim the node follows the clock of the simulator it runs)", "sim");
        }
        if (order.live()) {
            throw new ConfigException(PATH, "order.mode paper (it is for tests; never with live orders)", "live");
        }
        endpoints(market).forEach((path, url) -> {
            if (!onLoopback(url)) {
                throw new ConfigException(
                        PATH,
                        "every market endpoint on loopback (a simulator on this machine; it is for tests)",
                        path + " " + url);
            }
        });
    }

    /** Returns the clock, set from the wall clock now. */
    SimClock clock() {
        long wallNow = System.currentTimeMillis();
        return new SimClock(simTime + (long) Math.floor((wallNow - wallTime) * speed), speed);
    }

    /** Every market endpoint URL in effect, by its config path. */
    private static Map<String, String> endpoints(MarketConfig market) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Market m : Market.values()) {
            put(out, "market.binance." + m.wireName(), market.binance().endpoint(m));
        }
        for (Map.Entry<Exchange, Endpoint> e : market.venues().entrySet()) {
            put(out, "market." + e.getKey().wireName(), e.getValue());
        }
        return out;
    }

    private static void put(Map<String, String> out, String path, Endpoint endpoint) {
        out.put(path + ".restUrl", endpoint.restUrl());
        out.put(path + ".wsUrl", endpoint.wsUrl());
    }

    /** Whether {@code url}'s host is {@code localhost} or a loopback address literal; no name is looked up. */
    static boolean onLoopback(String url) {
        String host = URI.create(url).getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("localhost")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!host.matches("[0-9.]+") && !host.matches("[0-9a-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
