package io.candlebus.sim;

import static io.candlebus.sim.SimTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Market;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.faults.FaultInjector;
import io.candlebus.sim.faults.FaultKind;
import io.candlebus.sim.faults.Faults;
import io.candlebus.sim.faults.PlannedFault;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class FaultInjectorIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final long S = 1_000L;
    private Vertx vertx;
    private ExchangeSimulator sim;

    @BeforeEach
    void start(Vertx v) {
        vertx = v;
        Codecs.registerAll(vertx.eventBus());
        sim = await(ExchangeSimulator.start(vertx, SimTesting.config(300).withHistoryMinutes(30)));
    }

    @AfterEach
    void stop() {
        await(sim.close());
    }

    @Test
    void firesEveryKindOfAPlanAtItsSimTime() {
        WsProbe spot = await(
                WsProbe.connect(vertx, sim.binanceWsUrl(Market.SPOT) + "/stream?streams=btcusdt@kline_1m", 2 << 20));
        await().atMost(DEADLINE).until(() -> !spot.texts.isEmpty());
        List<PlannedFault> plan = List.of(
                new PlannedFault(10 * S, FaultKind.GARBAGE, 0, null, null),
                new PlannedFault(20 * S, FaultKind.BAD_INPUT, 0, null, BadInput.HIGH_BELOW_LOW),
                new PlannedFault(30 * S, FaultKind.OVERSIZED, 0, null, null),
                new PlannedFault(40 * S, FaultKind.WEIGHT_LIMIT, 120 * S, Market.SPOT, null),
                new PlannedFault(50 * S, FaultKind.BAN, 60 * S, Market.USDM, null),
                new PlannedFault(60 * S, FaultKind.REST_OUTAGE, 60 * S, null, null),
                new PlannedFault(70 * S, FaultKind.STALL, 30 * S, null, null),
                new PlannedFault(110 * S, FaultKind.SERVER_SHUTDOWN, S, null, null),
                new PlannedFault(130 * S, FaultKind.DROP, 0, null, null),
                new PlannedFault(140 * S, FaultKind.LIFETIME_CUT, 60 * S, null, null));
        FaultInjector injector = new FaultInjector(vertx, sim.faults(), sim.clock());

        await(injector.start(plan, sim.clock().millis()));

        await().atMost(DEADLINE)
                .until(() -> await(injector.fired()).values().stream()
                                .mapToLong(Long::longValue)
                                .sum()
                        == plan.size());
        Map<FaultKind, Long> fired = await(injector.fired());
        assertThat(fired).hasSize(FaultKind.values().length).allSatisfy((kind, n) -> assertThat(n)
                .isEqualTo(1));
        assertThat(await(injector.firedBadInputs())).containsExactly(Map.entry(BadInput.HIGH_BELOW_LOW, 1L));
        // What the spot client saw, in plan order, before the shutdown closed its link.
        await().atMost(DEADLINE).until(() -> spot.closed);
        int garbage = spot.texts.indexOf(Faults.GARBAGE);
        int padding = indexOf(spot.texts, "{\"stream\":\"padding\"");
        int shutdown = indexOf(spot.texts, "{\"stream\":\"!serverShutdown\"");
        assertThat(garbage).isNotNegative().isLessThan(padding);
        assertThat(padding).isLessThan(shutdown);
        await(injector.stop());
    }

    private static int indexOf(List<String> texts, String prefix) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
