package io.candlebus.order.live;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Exchange;
import io.candlebus.order.ApiCredentials;
import io.candlebus.order.VenueKeys;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Collects the keys live mode needs from the environment, refusing to go on without them. */
public final class LiveKeys {
    private LiveKeys() {}

    /**
     * Returns the keys of every venue in {@code traded}, or throws {@code ConfigException} naming the first
     * missing variable (never a value). Venues not traded get no keys, and so no broker.
     */
    public static Map<Exchange, ApiCredentials> require(Set<Exchange> traded, Map<String, String> env) {
        Map<Exchange, ApiCredentials> keys = new EnumMap<>(Exchange.class);
        for (Exchange exchange : Exchange.values()) {
            if (traded.contains(exchange)) {
                keys.put(
                        exchange,
                        switch (exchange) {
                            case BITHUMB -> VenueKeys.requireBithumb(env);
                            case BINANCE -> VenueKeys.requireBinance(env);
                                // Upbit is followed for market data only: candlebus places no orders there.
                            case UPBIT -> throw new ConfigException(
                                    "order.live", "a venue candlebus trades on (binance, bithumb)", "upbit");
                        });
            }
        }
        return keys;
    }
}
