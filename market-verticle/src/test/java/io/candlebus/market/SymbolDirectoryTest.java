package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.market.SymbolDirectory.Verdict;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SymbolDirectoryTest {
    private static final long HOUR = 3_600_000L;
    private static final long MINUTE = 60_000L;

    private final SettableClock clock = new SettableClock(1_000_000L);
    private final Deque<Promise<Set<String>>> requests = new ArrayDeque<>();
    private final SymbolDirectory directory = new SymbolDirectory(this::load, clock, HOUR, MINUTE);

    private Future<Set<String>> load() {
        Promise<Set<String>> p = Promise.promise();
        requests.add(p);
        return p.future();
    }

    @Test
    void everySymbolIsUncheckedUntilTheFirstLoadAnswers() {
        assertThat(directory.verdict("BTCUSDT")).isEqualTo(Verdict.UNCHECKED);
        Future<Void> ready = directory.ready();
        assertThat(directory.attempted()).isFalse();
        assertThat(directory.ready()).as("one load at a time").isSameAs(ready);
        assertThat(requests).hasSize(1);

        requests.poll().complete(Set.of("BTCUSDT", "ETHUSDT"));

        assertThat(ready.succeeded()).isTrue();
        assertThat(directory.attempted()).isTrue();
        assertThat(directory.verdict("BTCUSDT")).isEqualTo(Verdict.KNOWN);
        assertThat(directory.verdict("BTCUSDX")).isEqualTo(Verdict.UNKNOWN);
        assertThat(directory.size()).isEqualTo(2);
    }

    @Test
    void aFailedLoadLeavesSymbolsUncheckedAndIsRetriedAfterTheRecheckTime() {
        Future<Void> ready = directory.ready();
        requests.poll().fail(new RestException(503, 0, "down"));
        assertThat(ready.succeeded()).as("ready never fails").isTrue();
        assertThat(directory.attempted()).isTrue();
        assertThat(directory.verdict("BTCUSDT")).isEqualTo(Verdict.UNCHECKED);
        assertThat(directory.lastError()).contains("down");

        directory.tick(clock.millis() + MINUTE - 1);
        assertThat(requests).isEmpty();
        clock.set(clock.millis() + MINUTE);
        directory.tick(clock.millis());
        assertThat(requests).hasSize(1);
        long version = directory.version();
        requests.poll().complete(Set.of("BTCUSDT"));
        assertThat(directory.verdict("BTCUSDX")).isEqualTo(Verdict.UNKNOWN);
        assertThat(directory.version()).as("a new list is announced").isGreaterThan(version);
    }

    @Test
    void anUnlistedSymbolAsksAgainAtMostOncePerRecheckTime() {
        directory.ready();
        requests.poll().complete(Set.of("BTCUSDT"));

        assertThat(directory.check("BTCUSDT").result()).isEqualTo(Verdict.KNOWN);
        assertThat(directory.check("NEWUSDT").result())
                .as("just loaded: no new request")
                .isEqualTo(Verdict.UNKNOWN);
        assertThat(requests).isEmpty();

        clock.set(clock.millis() + MINUTE);
        Future<Verdict> listed = directory.check("NEWUSDT");
        assertThat(requests).hasSize(1);
        requests.poll().complete(Set.of("BTCUSDT", "NEWUSDT"));
        assertThat(listed.result()).as("a newly listed symbol is found").isEqualTo(Verdict.KNOWN);
    }

    @Test
    void theListIsRefreshedRarely() {
        directory.ready();
        requests.poll().complete(Set.of("BTCUSDT"));
        directory.tick(clock.millis() + HOUR - 1);
        assertThat(requests).isEmpty();
        directory.tick(clock.millis() + HOUR);
        assertThat(requests).hasSize(1);
        assertThat(directory.loads()).isEqualTo(2);
    }

    @Test
    void aReloadInFlightDoesNotMakeTheListUnaskedAgain() {
        directory.ready();
        requests.poll().complete(Set.of("BTCUSDT"));
        clock.set(clock.millis() + HOUR);
        directory.tick(clock.millis());
        assertThat(requests).as("the hourly reload is in flight").hasSize(1);

        assertThat(directory.attempted()).isTrue();
        assertThat(directory.ready().succeeded()).isTrue();
    }

    @Test
    void aFailedRefreshKeepsTheListAndIsRetriedAtTheRecheckPaceNotOnEveryTick() {
        directory.ready();
        requests.poll().complete(Set.of("BTCUSDT"));
        clock.set(clock.millis() + HOUR);
        directory.tick(clock.millis());
        requests.poll().fail(new RestException(503, 0, "down"));
        assertThat(directory.verdict("BTCUSDT")).isEqualTo(Verdict.KNOWN);

        clock.set(clock.millis() + 10);
        directory.tick(clock.millis());
        clock.set(clock.millis() + MINUTE - 20);
        directory.tick(clock.millis());
        assertThat(requests).as("no request before the recheck time").isEmpty();
        clock.set(clock.millis() + 10);
        directory.tick(clock.millis());
        assertThat(requests).hasSize(1);
    }
}
