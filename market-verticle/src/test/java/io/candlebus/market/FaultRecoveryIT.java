package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Market;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per connection or REST fault the simulator can inject (bad input is {@link BadInputRecoveryIT}),
 * on the set-up of {@link FaultRecoveryBase}: every closed 1m candle of both streams published exactly once,
 * in order, equal to the simulator's truth, plus the fault's own evidence in the heartbeats. (418 bans and
 * make-before-break rotation have their own tests in the Binance feed.)
 */
class FaultRecoveryIT extends FaultRecoveryBase {
    @Test
    void connectionDrop() throws Exception {
        Map<String, Long> before = counters("reconnects");

        markFault();
        join(sim.faults().dropConnections());

        runAfterFault(6 * MIN);
        assertEveryCandleOnceInOrderAndTrue();
        assertRose(before, "reconnects", SPOT, BITHUMB);
    }

    @Test
    void stall() throws Exception {
        Map<String, Long> stalls = counters("stalls");
        Map<String, Long> reconnects = counters("reconnects");

        markFault();
        join(sim.faults().stallStreams(2 * STALL_TIMEOUT));

        runAfterFault(2 * STALL_TIMEOUT + 6 * MIN);
        assertEveryCandleOnceInOrderAndTrue();
        assertRose(stalls, "stalls", SPOT, BITHUMB);
        assertRose(reconnects, "reconnects", SPOT, BITHUMB);
    }

    @Test
    void garbageFrame() throws Exception {
        Map<String, Long> reconnects = counters("reconnects");

        sendUntilCounted(
                () -> sim.faults().sendGarbageFrame(),
                Map.of(SPOT, "badInput.malformed-json", BITHUMB, "badInput.malformed-json"));
        // Dropped and counted on the same connection: the reader survived it.
        assertUnchanged(reconnects, "reconnects", SPOT, BITHUMB);

        runAfterFault(5 * MIN);
        assertEveryCandleOnceInOrderAndTrue();
    }

    @Test
    void rest429() throws Exception {
        Map<String, Long> failures = counters("restFailures");
        Map<String, Long> pauses = counters("restPauses");
        // A weight limit below one klines request: every spot request meets 429 until it is restored. The
        // stall leaves a gap the feed must fill from REST, so the fill has to wait for that.
        markFault();
        sim.faults().restWeightLimit(Market.SPOT, 1);
        join(sim.faults().stallStreams(2 * STALL_TIMEOUT));

        awaitSimTime(faultAt + 2 * STALL_TIMEOUT + 3 * MIN);
        sim.faults().restWeightLimit(Market.SPOT, 6_000);
        runAfterFault(2 * STALL_TIMEOUT + 8 * MIN);
        assertEveryCandleOnceInOrderAndTrue();
        assertRose(failures, "restFailures", SPOT);
        // Retry-After honoured: the feed paused its REST requests.
        assertRose(pauses, "restPauses", SPOT);
    }

    @Test
    void restOutage() throws Exception {
        Map<String, Long> failures = counters("restFailures");
        // REST answers 503 until three sim minutes after a stall that leaves both feeds a gap to fill.
        markFault();
        sim.faults().restOutage(2 * STALL_TIMEOUT + 3 * MIN);
        join(sim.faults().stallStreams(2 * STALL_TIMEOUT));

        runAfterFault(2 * STALL_TIMEOUT + 8 * MIN);
        assertEveryCandleOnceInOrderAndTrue();
        assertRose(failures, "restFailures", SPOT, BITHUMB);
    }

    @Test
    void serverShutdown() throws Exception {
        Map<String, Long> reconnects = counters("reconnects");

        markFault();
        join(sim.faults().serverShutdown(5_000));

        runAfterFault(6 * MIN);
        assertEveryCandleOnceInOrderAndTrue();
        assertRose(reconnects, "reconnects", SPOT);
    }

    @Test
    void theTwentyFourHourCut() throws Exception {
        Map<String, Long> reconnects = counters("reconnects");
        // A two-minute lifetime stands for Binance's 24 h; the connections are reopened under it.
        markFault();
        join(sim.faults().binanceConnectionLifetime(2 * MIN));
        join(sim.faults().dropBinanceConnections());

        awaitSimTime(faultAt + 5 * MIN);
        join(sim.faults().binanceConnectionLifetime(24 * 60 * MIN));
        runAfterFault(8 * MIN);
        assertEveryCandleOnceInOrderAndTrue();
        // The drop, then at least one cut at the end of a two-minute lifetime.
        Map<String, Long> after = counters("reconnects");
        assertThat(after.get(SPOT))
                .as("spot reconnects %s -> %s", reconnects, after)
                .isGreaterThanOrEqualTo(reconnects.get(SPOT) + 2);
    }
}
