package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.launcher.AppConfig.Source;
import io.candlebus.market.MarketConfig;
import io.candlebus.order.ApiCredentials;
import io.candlebus.order.OrderConfig;
import io.candlebus.order.OrderEndpoints;
import io.candlebus.order.live.LiveKeys;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks, before anything deploys, what {@code order.mode live} needs: the keys of every venue it would
 * trade (the venues of {@code market.instruments} and of {@code order.instruments}) in the environment, and
 * order endpoints it can reach. Errors name the variable or setting, never a key's value.
 */
final class LiveOrderChecks {
    private LiveOrderChecks() {}

    /** Returns the keys of the traded venues, or throws {@link ConfigException} naming what is missing. */
    static Map<Exchange, ApiCredentials> keys(
            OrderConfig order, MarketConfig market, Source source, Set<Role> roles, Map<String, String> env) {
        Set<Instrument> traded = new TreeSet<>(market.instruments());
        traded.addAll(order.instruments().keySet());
        Set<Exchange> venues = traded.stream().map(Instrument::exchange).collect(Collectors.toSet());
        Map<Exchange, ApiCredentials> keys;
        try {
            keys = LiveKeys.require(venues, env);
        } catch (ConfigException e) {
            throw new ConfigException("order.mode live trades "
                    + venues.stream().map(Exchange::wireName).sorted().collect(Collectors.joining(" and "))
                    + " (market.instruments, order.instruments) and needs its keys in the environment; "
                    + e.getMessage());
        }
        if (source == Source.SIM && !Role.runsFeeds(roles)) {
            // The simulator runs in the node with the market (or feeds) role; without it here, an unset endpoint
            // would fall back to a real venue.
            for (Instrument instrument : traded) {
                String path = restUrlPath(instrument);
                if (endpoint(order.endpoints(), instrument) == null) {
                    throw new ConfigException(
                            path,
                            "set in the config file: with --source sim the simulator runs in the node with the"
                                    + " market role, which this node does not have",
                            "unset");
                }
            }
        }
        return keys;
    }

    /**
     * Returns the order endpoints in effect: each one set in the config wins in every mode; an unset one is
     * the simulator's ({@code simulator}, when this node runs it) or else the venue's real host.
     */
    static OrderEndpoints endpoints(OrderConfig order, OrderEndpoints simulator) {
        return order.endpoints().orElse(simulator == null ? OrderEndpoints.REAL : simulator);
    }

    private static String endpoint(OrderEndpoints endpoints, Instrument instrument) {
        return instrument.exchange() == Exchange.BITHUMB ? endpoints.bithumb() : endpoints.binance(instrument.market());
    }

    private static String restUrlPath(Instrument instrument) {
        return instrument.exchange() == Exchange.BITHUMB
                ? "order.bithumb.restUrl"
                : "order.binance." + marketKey(instrument.market()) + ".restUrl";
    }

    private static String marketKey(Market market) {
        return market.wireName();
    }
}
