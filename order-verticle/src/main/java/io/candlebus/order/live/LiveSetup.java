package io.candlebus.order.live;

import io.candlebus.contract.Exchange;
import io.candlebus.order.ApiCredentials;
import io.candlebus.order.OrderEndpoints;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything live mode needs beyond {@code OrderConfig}, resolved by the launcher before anything deploys:
 * where the journal lives, the order endpoints in effect, and the keys of each venue traded (from the
 * environment). {@link ApiCredentials#toString()} redacts, so printing a setup shows no key.
 *
 * @param journalDir the directory of {@code orders.journal}
 * @param endpoints the REST base of every venue market, all set
 * @param keys the keys per venue; a venue without keys gets no broker
 * @param binanceRecvWindowMillis Binance's {@code recvWindow} (60000 against a fast simulator clock)
 * @param settings the brokers' timeouts
 * @param pollMillis how often open orders are looked up
 */
public record LiveSetup(
        Path journalDir,
        OrderEndpoints endpoints,
        Map<Exchange, ApiCredentials> keys,
        long binanceRecvWindowMillis,
        LiveBroker.Settings settings,
        long pollMillis) {

    public LiveSetup {
        Objects.requireNonNull(journalDir, "liveSetup.journalDir");
        Objects.requireNonNull(endpoints, "liveSetup.endpoints");
        if (!endpoints.complete()) {
            throw new IllegalArgumentException("liveSetup.endpoints: expected every URL set, was " + endpoints);
        }
        keys = Map.copyOf(keys);
        Objects.requireNonNull(settings, "liveSetup.settings");
        if (pollMillis < 1) {
            throw new IllegalArgumentException("liveSetup.pollMillis: expected >= 1, was " + pollMillis);
        }
    }
}
