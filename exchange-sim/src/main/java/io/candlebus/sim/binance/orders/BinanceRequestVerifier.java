package io.candlebus.sim.binance.orders;

import io.candlebus.sim.orders.OrderEngine;
import io.candlebus.sim.orders.SimAccount;
import io.candlebus.sim.orders.SimVenue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a signed Binance request as the venue documents it: the {@code X-MBX-APIKEY} header names an
 * account (-2014 when missing, -2015 when unknown), {@code signature} is the hex HMAC-SHA256 of the query
 * string followed by the body under that account's secret (-1022), and {@code timestamp} lies within
 * {@code recvWindow} (default 5000, at most 60000) of the sim clock: refused with -1021 when more than
 * 1000 ms ahead or older than the window.
 */
final class BinanceRequestVerifier {
    static final long DEFAULT_RECV_WINDOW = 5_000L;
    static final long MAX_RECV_WINDOW = 60_000L;
    private static final long MAX_AHEAD_MILLIS = 1_000L;

    private final OrderEngine engine;
    private final Clock clock;

    BinanceRequestVerifier(OrderEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    SimAccount verify(SimVenue venue, String apiKey, BinanceSignedRequest request) throws BinanceFailure {
        if (apiKey == null || apiKey.isBlank()) {
            throw new BinanceFailure(401, -2014, "API-key format invalid.");
        }
        SimAccount account = engine.account(venue, apiKey)
                .orElseThrow(() -> new BinanceFailure(401, -2015, "Invalid API-key, IP, or permissions for action."));
        long timestamp = number(request, "timestamp", null);
        long recvWindow = number(request, "recvWindow", DEFAULT_RECV_WINDOW);
        if (recvWindow > MAX_RECV_WINDOW) {
            throw BinanceFailure.bad(-1131, "recvWindow must be less than 60000");
        }
        if (request.signature() == null || request.signature().isEmpty()) {
            throw BinanceFailure.mandatory("signature");
        }
        String expected = hmacHex(account.secret(), request.signedText());
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                request.signature().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw BinanceFailure.bad(-1022, "Signature for this request is not valid.");
        }
        long now = clock.millis();
        // Spot also takes microseconds: 16 digits and more.
        long millis = timestamp >= 1_000_000_000_000_000L ? timestamp / 1000 : timestamp;
        if (millis > now + MAX_AHEAD_MILLIS) {
            throw BinanceFailure.bad(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        }
        if (now - millis > recvWindow) {
            throw BinanceFailure.bad(-1021, "Timestamp for this request is outside of the recvWindow.");
        }
        return account;
    }

    private static long number(BinanceSignedRequest request, String name, Long fallback) throws BinanceFailure {
        String text = request.params().get(name);
        if (text == null || text.isEmpty()) {
            if (fallback == null) {
                throw BinanceFailure.mandatory(name);
            }
            return fallback;
        }
        if (!text.matches("[0-9]{1,18}")) {
            throw BinanceFailure.illegal(name, "^[0-9]{1,20}$");
        }
        return Long.parseLong(text);
    }

    static String hmacHex(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA256", e);
        }
    }
}
