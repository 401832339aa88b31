package io.candlebus.market;

import io.candlebus.sim.faults.BadInput;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One test per kind of bad message the simulator can send, on the set-up of {@link FaultRecoveryBase}: each is
 * dropped and counted on the same connection, and every closed 1m candle of both streams is still published
 * exactly once, in order, equal to the simulator's truth.
 */
class BadInputRecoveryIT extends FaultRecoveryBase {
    @ParameterizedTest
    @EnumSource(BadInput.class)
    void badInput(BadInput kind) throws Exception {
        Map<String, Long> reconnects = counters("reconnects");

        sendUntilCounted(() -> sim.faults().sendBadInput(kind), evidence(kind));
        // Dropped and counted on the same connection (checked at once: a later reconnect could be a pause
        // of a loaded machine); the candles below show that the stream kept flowing.
        assertUnchanged(reconnects, "reconnects", SPOT, BITHUMB);

        runAfterFault(5 * MIN);
        assertEveryCandleOnceInOrderAndTrue();
    }

    /** The counter each venue's feed raises for a bad message of {@code kind}. */
    private static Map<String, String> evidence(BadInput kind) {
        Map<String, String> out = new LinkedHashMap<>();
        String binance =
                switch (kind) {
                    case NAN_PRICE, NAN_SIZE -> "bad-number";
                    case ZERO_PRICE, NEGATIVE_PRICE -> "non-positive";
                    case NEGATIVE_SIZE -> "negative";
                    default -> kind.label();
                };
        String bithumb =
                switch (kind) {
                    case NAN_PRICE, NAN_SIZE -> "bad-number";
                    case ZERO_PRICE, NEGATIVE_PRICE, ZERO_SIZE, NEGATIVE_SIZE -> "non-positive";
                    default -> kind.label();
                };
        if (kind.onBinance()) {
            out.put(SPOT, "badInput." + binance);
        }
        if (kind == BadInput.LATE_TRADE) {
            // Well-formed, so the feed passes it on; the aggregator drops it (its minute was published).
            out.put(AGGREGATOR, "lateTrades");
        } else if (kind.onBithumb()) {
            out.put(BITHUMB, "badInput." + bithumb);
        }
        return out;
    }
}
