package io.candlebus.sim.binance.orders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BinanceSignedRequestTest {

    @Test
    void signedTextIsQueryThenBodyWithoutTheSignaturePair() {
        BinanceSignedRequest r = BinanceSignedRequest.of("symbol=BTCUSDT&timestamp=1", "side=BUY&signature=abc");
        assertThat(r.signedText()).isEqualTo("symbol=BTCUSDT&timestamp=1side=BUY");
        assertThat(r.signature()).isEqualTo("abc");
        assertThat(r.params()).containsEntry("symbol", "BTCUSDT").containsEntry("side", "BUY");
        assertThat(r.params()).doesNotContainKey("signature");
    }

    @Test
    void aQueryValueWinsOverTheBodyAndValuesAreDecoded() {
        BinanceSignedRequest r = BinanceSignedRequest.of("quantity=1&newClientOrderId=a%2Fb", "quantity=2");
        assertThat(r.params()).containsEntry("quantity", "1").containsEntry("newClientOrderId", "a/b");
        assertThat(r.signature()).isNull();
        // The signed text keeps the bytes as sent, escapes included.
        assertThat(r.signedText()).isEqualTo("quantity=1&newClientOrderId=a%2Fbquantity=2");
    }
}
