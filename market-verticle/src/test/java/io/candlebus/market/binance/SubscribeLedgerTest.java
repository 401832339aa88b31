package io.candlebus.market.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscribeLedgerTest {
    private static final String BTC = "btcusdt@kline_1m";
    private static final String ETH = "ethusdt@kline_1m";
    private static final String BAD = "btcusdx@kline_1m";

    private final SubscribeLedger ledger = new SubscribeLedger();

    @Test
    void aRefusedRequestOfSeveralMakesSuspectsAndTheNextRefusalNamesTheCulprit() {
        ledger.sent("1", List.of(BTC, BAD, ETH));
        assertThat(ledger.refused("1")).containsExactly(BTC, BAD, ETH);
        assertThat(ledger.suspects()).containsExactlyInAnyOrder(BTC, BAD, ETH);

        // The venue closed the connection after its refusal: the suspects survive the socket.
        ledger.socketGone();
        assertThat(ledger.isSuspect(BAD)).isTrue();

        ledger.sent("2", List.of(BTC));
        ledger.sent("3", List.of(BAD));
        ledger.sent("4", List.of(ETH));
        ledger.accepted("2");
        assertThat(ledger.refused("3")).as("one stream: the culprit").containsExactly(BAD);
        ledger.accepted("4");
        assertThat(ledger.suspects()).isEmpty();
    }

    @Test
    void aRefusalOfAnUnknownOrAnsweredRequestNamesNothing() {
        ledger.sent("1", List.of(BTC));
        ledger.accepted("1");
        assertThat(ledger.refused("1")).isEmpty();
        assertThat(ledger.refused("99")).isEmpty();
        ledger.sent("5", List.of(ETH));
        ledger.socketGone();
        assertThat(ledger.refused("5")).as("the request died with its socket").isEmpty();
    }

    @Test
    void suspectsNoLongerWantedAreForgotten() {
        ledger.sent("1", List.of(BTC, BAD));
        ledger.refused("1");
        ledger.retain(Set.of(BTC));
        assertThat(ledger.suspects()).containsExactly(BTC);
    }
}
