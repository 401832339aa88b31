package io.candlebus.sim.bithumb.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.candlebus.sim.orders.FakeTape;
import io.candlebus.sim.orders.OrderEngine;
import io.candlebus.sim.orders.SimAccount;
import io.candlebus.sim.orders.SimAccounts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BithumbJwtVerifierTest {
    private static final long NOW = 1_767_225_600_000L;
    private static final String QUERY =
            "market=KRW-BTC&side=bid&order_type=limit&price=100000000&volume=0.001&client_order_id=sim-0001";
    private static final String QUERY_HASH = "3b4be3dc53d15b27f255b26bfc152354283e80a50c5f115380bf6942d2655f0e"
            + "687ba3ac7009005ff4826c28118ad4a5ceefa0be2eae9cbf588c79242889e475";

    private final OrderEngine engine = new OrderEngine(new FakeTape());
    private final BithumbJwtVerifier verifier =
            new BithumbJwtVerifier(engine, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    private static String token(String secret, String payload) {
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String body = b64(payload);
        return "Bearer " + header + "." + body + "." + sign(secret, header + "." + body);
    }

    private static String payload(String key, long timestamp, String hash) {
        return "{\"access_key\":\"" + key + "\",\"nonce\":\"" + UUID.randomUUID() + "\",\"timestamp\":" + timestamp
                + (hash == null ? "" : ",\"query_hash\":\"" + hash + "\",\"query_hash_alg\":\"SHA512\"") + "}";
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String refusal(String authorization, List<String> hashable) {
        try {
            verifier.verify(authorization, hashable);
        } catch (BithumbAuthFailure e) {
            return e.name();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void hashesTheBodyInBodyKeyOrderAsThePublishedVector() throws Exception {
        var body = new ObjectMapper()
                .readTree("{\"market\":\"KRW-BTC\",\"side\":\"bid\",\"order_type\":\"limit\",\"price\":\"100000000\","
                        + "\"volume\":\"0.001\",\"client_order_id\":\"sim-0001\"}");
        assertThat(BithumbParams.hashableForms(body)).contains(QUERY);
        assertThat(BithumbJwtVerifier.sha512(QUERY)).isEqualTo(QUERY_HASH);
    }

    @Test
    void acceptsAWellSignedFreshToken() throws BithumbAuthFailure {
        String auth =
                token(SimAccounts.BITHUMB_SECRET_KEY, payload(SimAccounts.BITHUMB_ACCESS_KEY, NOW - 5_000, QUERY_HASH));
        SimAccount account = verifier.verify(auth, List.of(QUERY));
        assertThat(account.key()).isEqualTo(SimAccounts.BITHUMB_ACCESS_KEY);
    }

    @Test
    void refusesAnotherSecretAnUnknownKeyOrAnAlteredPayload() {
        assertThat(refusal(token("wrong", payload(SimAccounts.BITHUMB_ACCESS_KEY, NOW, null)), List.of()))
                .isEqualTo("jwt_verification");
        assertThat(refusal(token(SimAccounts.BITHUMB_SECRET_KEY, payload("nobody", NOW, null)), List.of()))
                .isEqualTo("jwt_verification");
        String good = token(SimAccounts.BITHUMB_SECRET_KEY, payload(SimAccounts.BITHUMB_ACCESS_KEY, NOW, null));
        String[] parts = good.split("\\.");
        String altered = parts[0] + "." + b64(payload(SimAccounts.BITHUMB_ACCESS_KEY, NOW + 1, null)) + "." + parts[2];
        assertThat(refusal(altered, List.of())).isEqualTo("jwt_verification");
        assertThat(refusal(null, List.of())).isEqualTo("jwt_verification");
        assertThat(refusal("Bearer x.y", List.of())).isEqualTo("jwt_verification");
    }

    @Test
    void refusesAStaleOrFutureTimestampAsExpired() {
        assertThat(refusal(
                        token(
                                SimAccounts.BITHUMB_SECRET_KEY,
                                payload(SimAccounts.BITHUMB_ACCESS_KEY, NOW - 300_001, null)),
                        List.of()))
                .isEqualTo("expired_jwt");
        assertThat(refusal(
                        token(
                                SimAccounts.BITHUMB_SECRET_KEY,
                                payload(SimAccounts.BITHUMB_ACCESS_KEY, NOW + 300_001, null)),
                        List.of()))
                .isEqualTo("expired_jwt");
    }

    @Test
    void refusesAMissingOrWrongQueryHashAndAcceptsThePercentEncodedForm() throws BithumbAuthFailure {
        String noHash = token(SimAccounts.BITHUMB_SECRET_KEY, payload(SimAccounts.BITHUMB_ACCESS_KEY, NOW, null));
        assertThat(refusal(noHash, List.of(QUERY))).isEqualTo("invalid_query_payload");
        String otherHash = token(
                SimAccounts.BITHUMB_SECRET_KEY,
                payload(SimAccounts.BITHUMB_ACCESS_KEY, NOW, BithumbJwtVerifier.sha512(QUERY + "&x=1")));
        assertThat(refusal(otherHash, List.of(QUERY))).isEqualTo("invalid_query_payload");
        String raw = "states[]=wait&states[]=watch";
        String encoded = "states%5B%5D=wait&states%5B%5D=watch";
        String hashedEncoded = token(
                SimAccounts.BITHUMB_SECRET_KEY,
                payload(SimAccounts.BITHUMB_ACCESS_KEY, NOW, BithumbJwtVerifier.sha512(encoded)));
        assertThat(verifier.verify(hashedEncoded, BithumbParams.hashableForms(raw)))
                .isNotNull();
        String hashedRaw = token(
                SimAccounts.BITHUMB_SECRET_KEY,
                payload(SimAccounts.BITHUMB_ACCESS_KEY, NOW, BithumbJwtVerifier.sha512(raw)));
        assertThat(verifier.verify(hashedRaw, BithumbParams.hashableForms(encoded)))
                .isNotNull();
    }

    @Test
    void refusesAReusedNonce() throws BithumbAuthFailure {
        String auth = token(SimAccounts.BITHUMB_SECRET_KEY, payload(SimAccounts.BITHUMB_ACCESS_KEY, NOW, null));
        verifier.verify(auth, List.of());
        assertThatThrownBy(() -> verifier.verify(auth, List.of()))
                .isInstanceOf(BithumbAuthFailure.class)
                .hasMessageContaining("nonce");
    }
}
