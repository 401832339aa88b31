package io.candlebus.order.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.order.ApiCredentials;
import org.junit.jupiter.api.Test;

class BinanceSignerTest {
    /** The spot docs' HMAC example (exchange-apis.md 1.5). */
    private static final ApiCredentials VECTOR_KEYS = new ApiCredentials(
            "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
            "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");

    private static final String VECTOR_PARAMS = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
            + "&recvWindow=5000&timestamp=1499827319559";
    private static final String VECTOR_SIGNATURE = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";

    private final BinanceSigner signer = new BinanceSigner(VECTOR_KEYS);

    @Test
    void signatureMatchesThePublishedVectorFromQueryBodyOrBoth() {
        assertThat(signer.signature(VECTOR_PARAMS, "")).isEqualTo(VECTOR_SIGNATURE);
        assertThat(signer.signature("", VECTOR_PARAMS)).isEqualTo(VECTOR_SIGNATURE);
        // Query and body are concatenated without a separator.
        assertThat(signer.signature(
                        "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
                        "&quantity=1&price=0.1" + "&recvWindow=5000&timestamp=1499827319559"))
                .isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void signedQueryAppendsTheSignatureLast() {
        assertThat(signer.signedQuery(VECTOR_PARAMS)).isEqualTo(VECTOR_PARAMS + "&signature=" + VECTOR_SIGNATURE);
        assertThat(signer.apiKey()).isEqualTo(VECTOR_KEYS.key());
    }

    @Test
    void anotherSecretOrAnotherParameterChangesTheSignature() {
        BinanceSigner other = new BinanceSigner(new ApiCredentials(VECTOR_KEYS.key(), VECTOR_KEYS.secret() + "x"));
        assertThat(other.signature(VECTOR_PARAMS, "")).isNotEqualTo(VECTOR_SIGNATURE);
        assertThat(signer.signature(VECTOR_PARAMS.replace("price=0.1", "price=0.2"), ""))
                .isNotEqualTo(VECTOR_SIGNATURE);
    }
}
