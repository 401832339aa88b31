package io.candlebus.sim.bithumb.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.candlebus.sim.orders.OrderEngine;
import io.candlebus.sim.orders.SimAccount;
import io.candlebus.sim.orders.SimVenue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a Bithumb private request the way the venue documents it, with plain JDK crypto so it is
 * independent of the client's JWT library: the HS256 signature recomputed over the received
 * {@code header.payload} text (never re-serialised JSON), the access key, a timestamp within
 * {@link #TOLERANCE_MILLIS} of the sim clock, a nonce not seen within that window, and, when the request
 * has parameters, {@code query_hash} = SHA-512 of them as {@link BithumbParams} forms them.
 */
final class BithumbJwtVerifier {
    /**
     * How far (sim ms) a token's timestamp may be from the sim clock. Bithumb does not publish it; five sim
     * minutes still leave a test at 30x speed ten real seconds for a first, cold request.
     */
    static final long TOLERANCE_MILLIS = 300_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrderEngine engine;
    private final Clock clock;
    /** Nonces seen, with their token timestamps, oldest first; forgotten once outside the window. */
    private final Map<String, Long> nonces = new LinkedHashMap<>();

    BithumbJwtVerifier(OrderEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * Returns the account of a request whose {@code Authorization} header is {@code authorization} and
     * whose parameters may be hashed as any of {@code hashable} (empty: the request has none).
     */
    synchronized SimAccount verify(String authorization, List<String> hashable) throws BithumbAuthFailure {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw fail(BithumbAuthFailure.JWT_VERIFICATION, "Authorization: expected 'Bearer <jwt>'");
        }
        String[] parts = authorization.substring("Bearer ".length()).trim().split("\\.", -1);
        if (parts.length != 3) {
            throw fail(BithumbAuthFailure.JWT_VERIFICATION, "jwt: expected header.payload.signature");
        }
        JsonNode header = decode(parts[0], "header");
        JsonNode payload = decode(parts[1], "payload");
        if (!"HS256".equals(header.path("alg").asText())) {
            throw fail(BithumbAuthFailure.JWT_VERIFICATION, "jwt header alg: expected HS256");
        }
        String accessKey = payload.path("access_key").asText("");
        SimAccount account = engine.account(SimVenue.BITHUMB, accessKey)
                .orElseThrow(() -> fail(BithumbAuthFailure.JWT_VERIFICATION, "access_key: unknown key"));
        String expected = hmac(account.secret(), parts[0] + "." + parts[1]);
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII))) {
            throw fail(BithumbAuthFailure.JWT_VERIFICATION, "jwt signature: does not match the secret key");
        }
        JsonNode timestamp = payload.path("timestamp");
        long now = clock.millis();
        if (!timestamp.isIntegralNumber()) {
            throw fail(BithumbAuthFailure.JWT_VERIFICATION, "timestamp: expected epoch milliseconds as a number");
        }
        if (Math.abs(now - timestamp.asLong()) > TOLERANCE_MILLIS) {
            throw fail(BithumbAuthFailure.EXPIRED_JWT, "timestamp: more than 300 s from the server's time");
        }
        checkNonce(payload.path("nonce").asText(""), timestamp.asLong(), now);
        if (!hashable.isEmpty()) {
            checkQueryHash(payload, hashable);
        }
        return account;
    }

    private void checkNonce(String nonce, long timestamp, long now) throws BithumbAuthFailure {
        for (Iterator<Long> it = nonces.values().iterator(); it.hasNext(); ) {
            if (it.next() >= now - 2 * TOLERANCE_MILLIS) {
                break;
            }
            it.remove();
        }
        if (nonce.isEmpty()) {
            throw fail(BithumbAuthFailure.JWT_VERIFICATION, "nonce: expected a fresh UUID");
        }
        if (nonces.putIfAbsent(nonce, timestamp) != null) {
            throw fail(BithumbAuthFailure.JWT_VERIFICATION, "nonce: already used");
        }
    }

    private static void checkQueryHash(JsonNode payload, List<String> hashable) throws BithumbAuthFailure {
        String hash = payload.path("query_hash").asText("");
        if (hash.isEmpty() || !"SHA512".equals(payload.path("query_hash_alg").asText("SHA512"))) {
            throw fail(
                    BithumbAuthFailure.INVALID_QUERY_PAYLOAD,
                    "query_hash: expected the SHA512 of the request's parameters");
        }
        for (String form : hashable) {
            if (sha512(form).equals(hash)) {
                return;
            }
        }
        throw fail(BithumbAuthFailure.INVALID_QUERY_PAYLOAD, "query_hash: does not match the request's parameters");
    }

    private static JsonNode decode(String part, String what) throws BithumbAuthFailure {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw fail(BithumbAuthFailure.JWT_VERIFICATION, "jwt " + what + ": expected a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | IOException e) {
            throw fail(BithumbAuthFailure.JWT_VERIFICATION, "jwt " + what + ": expected base64url JSON");
        }
    }

    private static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA256", e);
        }
    }

    static String sha512(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides SHA-512", e);
        }
    }

    private static BithumbAuthFailure fail(String name, String message) {
        return new BithumbAuthFailure(name, message);
    }
}
