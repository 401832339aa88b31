package io.candlebus.market.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.StreamState;
import io.candlebus.market.Backoff;
import io.candlebus.market.SettableClock;
import org.junit.jupiter.api.Test;

class StreamStatesTest {
    private static final long NOW = 1_767_225_600_000L;

    private final RestGate gate = new RestGate(1200);
    private final KlineStream stream = new KlineStream(Instrument.parse("binance:spot:BTCUSDX"), new Backoff(10, 100));

    @Test
    void aSymbolTheVenueDoesNotListIsUnknownWhateverElse() {
        stream.unknown = true;
        stream.filling = true;
        gate.banned(NOW, 60_000);
        assertThat(StreamStates.of(stream, gate, NOW)).isEqualTo(StreamState.UNKNOWN);
        assertThat(StreamState.UNKNOWN.wireName()).isEqualTo("unknown");
    }

    @Test
    void aStreamWaitingForTheSymbolListOrItsSocketIsConnectingNeverLive() {
        stream.checking = true;
        assertThat(StreamStates.of(stream, gate, NOW)).isEqualTo(StreamState.CONNECTING);
        stream.checking = false;
        stream.connection = new BinanceConnection(1, null, new SettableClock(NOW), 5, new Backoff(10, 100), null);
        assertThat(StreamStates.of(stream, gate, NOW)).isEqualTo(StreamState.CONNECTING);
        stream.connection.backingOff = true;
        assertThat(StreamStates.of(stream, gate, NOW)).isEqualTo(StreamState.BACKING_OFF);
    }

    @Test
    void anUnknownSymbolRanksBelowEveryOtherStateForTheFeed() {
        for (StreamState s : StreamState.values()) {
            if (s != StreamState.UNKNOWN) {
                assertThat(StreamStates.severity(StreamState.UNKNOWN)).isLessThan(StreamStates.severity(s));
            }
        }
        assertThat(StreamStates.severity(StreamState.BANNED)).isGreaterThan(StreamStates.severity(StreamState.LIVE));
    }
}
