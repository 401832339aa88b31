package io.candlebus.order.bithumb;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.order.ApiCredentials;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BithumbJwtSignerTest {
    /** The documented example order (exchange-apis.md 2.4): its body in body key order. */
    private static final String VECTOR_QUERY =
            "market=KRW-BTC&side=bid&order_type=limit&price=100000000&volume=0.001&client_order_id=sim-0001";

    private static final String VECTOR_HASH = "3b4be3dc53d15b27f255b26bfc152354283e80a50c5f115380bf6942d2655f0e"
            + "687ba3ac7009005ff4826c28118ad4a5ceefa0be2eae9cbf588c79242889e475";

    private static final ApiCredentials KEYS = new ApiCredentials("access-1", "secret-1");
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_767_225_600_500L), ZoneOffset.UTC);

    @Test
    void queryHashMatchesThePublishedVector() {
        assertThat(BithumbQuery.hash(VECTOR_QUERY)).isEqualTo(VECTOR_HASH);
    }

    @Test
    void postBodyIsReexpressedInBodyKeyOrder() {
        JsonObject body = new JsonObject()
                .put("market", "KRW-BTC")
                .put("side", "bid")
                .put("order_type", "limit")
                .put("price", "100000000")
                .put("volume", "0.001")
                .put("client_order_id", "sim-0001");
        assertThat(BithumbQuery.of(body)).isEqualTo(VECTOR_QUERY);
        assertThat(body.encode())
                .isEqualTo("{\"market\":\"KRW-BTC\",\"side\":\"bid\",\"order_type\":\"limit\","
                        + "\"price\":\"100000000\",\"volume\":\"0.001\",\"client_order_id\":\"sim-0001\"}");
    }

    @Test
    void arraysRepeatTheKeyWithBrackets() {
        JsonObject params = new JsonObject()
                .put("market", "KRW-BTC")
                .put("states", new JsonArray().add("wait").add("watch"))
                .put("limit", 100);
        assertThat(BithumbQuery.of(params)).isEqualTo("market=KRW-BTC&states[]=wait&states[]=watch&limit=100");
    }

    @Test
    void tokenCarriesTheDocumentedClaimsAndAVerifiableSignature() {
        UUID nonce = UUID.fromString("2f1b4c6e-8a1d-4c53-9a5c-0e1f2a3b4c5d");
        String token = new BithumbJwtSigner(KEYS, CLOCK, () -> nonce).token(VECTOR_QUERY);

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonObject header = new JsonObject(decode(parts[0]));
        JsonObject payload = new JsonObject(decode(parts[1]));
        assertThat(header.getString("alg")).isEqualTo("HS256");
        assertThat(header.getString("typ")).isEqualTo("JWT");
        assertThat(payload.getString("access_key")).isEqualTo("access-1");
        assertThat(payload.getString("nonce")).isEqualTo(nonce.toString());
        // A JSON number, not a string.
        assertThat(payload.getValue("timestamp")).isInstanceOf(Number.class);
        assertThat(payload.getLong("timestamp")).isEqualTo(1_767_225_600_500L);
        assertThat(payload.getString("query_hash")).isEqualTo(VECTOR_HASH);
        assertThat(payload.getString("query_hash_alg")).isEqualTo("SHA512");
        assertThat(payload.fieldNames()).doesNotContain("secret");
        // Checked as the venue does: HMAC-SHA256 over the received header.payload text.
        assertThat(parts[2]).isEqualTo(hmac("secret-1", parts[0] + "." + parts[1]));
        assertThat(parts[2]).isNotEqualTo(hmac("secret-2", parts[0] + "." + parts[1]));
    }

    @Test
    void tokenWithoutParametersHasNoQueryHashAndEachTokenAFreshNonce() {
        BithumbJwtSigner signer = new BithumbJwtSigner(KEYS, CLOCK);
        JsonObject first = new JsonObject(decode(signer.token("").split("\\.")[1]));
        JsonObject second = new JsonObject(decode(signer.token(null).split("\\.")[1]));
        assertThat(first.fieldNames()).containsExactlyInAnyOrder("access_key", "nonce", "timestamp");
        assertThat(second.fieldNames()).containsExactlyInAnyOrder("access_key", "nonce", "timestamp");
        assertThat(first.getString("nonce")).isNotEqualTo(second.getString("nonce"));
        assertThat(signer.authorization("a=1")).startsWith("Bearer ey");
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] raw = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void hexFormatIsLowercase() {
        assertThat(BithumbQuery.hash("")).isEqualTo(HexFormat.of().formatHex(sha512Empty()));
    }

    private static byte[] sha512Empty() {
        try {
            return java.security.MessageDigest.getInstance("SHA-512").digest(new byte[0]);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
