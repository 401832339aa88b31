package io.candlebus.order.binance;

import io.candlebus.order.ApiCredentials;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs Binance requests (HMAC keys, all three markets): the signature is the lowercase hex
 * HMAC-SHA256 of the query string concatenated, without a separator, with the form body, and is
 * appended last as {@code &signature=}. The API key travels in the {@code X-MBX-APIKEY} header.
 */
public final class BinanceSigner {
    /** The header that carries the API key. */
    public static final String API_KEY_HEADER = "X-MBX-APIKEY";

    private final ApiCredentials credentials;
    private final SecretKeySpec key;

    /** Creates a signer with {@code credentials}. */
    public BinanceSigner(ApiCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.key = new SecretKeySpec(credentials.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Returns the value of the {@code X-MBX-APIKEY} header. */
    public String apiKey() {
        return credentials.key();
    }

    /** Returns the signature of {@code queryString} followed by {@code body} (either may be empty). */
    public String signature(String queryString, String body) {
        return hmacSha256Hex(key, queryString + body);
    }

    /** Returns {@code queryString} with its signature appended: what a GET or DELETE sends. */
    public String signedQuery(String queryString) {
        return queryString + "&signature=" + signature(queryString, "");
    }

    /** Returns the lowercase hex HMAC-SHA256 of {@code text} (UTF-8) under {@code key}. */
    static String hmacSha256Hex(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA256", e);
        }
    }
}
