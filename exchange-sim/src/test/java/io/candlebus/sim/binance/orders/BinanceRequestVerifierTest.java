package io.candlebus.sim.binance.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.sim.orders.FakeTape;
import io.candlebus.sim.orders.OrderEngine;
import io.candlebus.sim.orders.SimVenue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinanceRequestVerifierTest {
    /** The spot docs' example (exchange-apis.md 1.5). */
    private static final String KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";

    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final long TIMESTAMP = 1_499_827_319_559L;
    private static final String PARAMS = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
            + "&recvWindow=5000&timestamp=" + TIMESTAMP;
    private static final String SIGNATURE = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";

    private final OrderEngine engine = new OrderEngine(new FakeTape());

    private BinanceRequestVerifierTest() {
        engine.openAccount(SimVenue.BINANCE_SPOT, KEY, SECRET, Map.of());
    }

    private BinanceRequestVerifier at(long now) {
        return new BinanceRequestVerifier(engine, Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC));
    }

    private int code(BinanceRequestVerifier verifier, String key, String query, String body) {
        try {
            verifier.verify(SimVenue.BINANCE_SPOT, key, BinanceSignedRequest.of(query, body));
            return 0;
        } catch (BinanceFailure e) {
            return e.code();
        }
    }

    @Test
    void acceptsThePublishedVectorInTheQueryTheBodyOrSplitBetweenThem() {
        BinanceRequestVerifier verifier = at(TIMESTAMP + 100);
        assertThat(BinanceRequestVerifier.hmacHex(SECRET, PARAMS)).isEqualTo(SIGNATURE);
        assertThat(code(verifier, KEY, PARAMS + "&signature=" + SIGNATURE, null))
                .isZero();
        assertThat(code(verifier, KEY, null, PARAMS + "&signature=" + SIGNATURE))
                .isZero();
        int split = PARAMS.indexOf("&quantity");
        assertThat(code(verifier, KEY, PARAMS.substring(0, split), PARAMS.substring(split) + "&signature=" + SIGNATURE))
                .isZero();
    }

    @Test
    void refusesABadSignatureAMissingOrUnknownKey() {
        BinanceRequestVerifier verifier = at(TIMESTAMP + 100);
        String tampered = PARAMS.replace("price=0.1", "price=0.2") + "&signature=" + SIGNATURE;
        assertThat(code(verifier, KEY, tampered, null)).isEqualTo(-1022);
        assertThat(code(verifier, KEY, PARAMS, null)).isEqualTo(-1102);
        assertThat(code(verifier, null, PARAMS + "&signature=" + SIGNATURE, null))
                .isEqualTo(-2014);
        assertThat(code(verifier, "someone-else", PARAMS + "&signature=" + SIGNATURE, null))
                .isEqualTo(-2015);
    }

    @Test
    void refusesTimestampsOutsideTheWindowBySimTime() {
        String signed = PARAMS + "&signature=" + SIGNATURE;
        assertThat(code(at(TIMESTAMP + 5_000), KEY, signed, null)).isZero();
        assertThat(code(at(TIMESTAMP + 5_001), KEY, signed, null)).isEqualTo(-1021);
        assertThat(code(at(TIMESTAMP - 1_000), KEY, signed, null)).isZero();
        assertThat(code(at(TIMESTAMP - 1_001), KEY, signed, null)).isEqualTo(-1021);
    }

    @Test
    void refusesARecvWindowAboveTheMaximum() {
        String params = PARAMS.replace("recvWindow=5000", "recvWindow=60001");
        String signed = params + "&signature=" + BinanceRequestVerifier.hmacHex(SECRET, params);
        assertThat(code(at(TIMESTAMP), KEY, signed, null)).isEqualTo(-1131);
    }
}
