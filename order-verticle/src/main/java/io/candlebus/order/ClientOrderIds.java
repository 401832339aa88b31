package io.candlebus.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Derives client order ids, the idempotency keys that both Binance and Bithumb accept. */
public final class ClientOrderIds {
    private ClientOrderIds() {}

    /**
     * Returns the client order id of the order for a signal: {@code sig-} and the first 32 hex digits
     * (128 bits) of the SHA-256 of the signal id, 36 characters of {@code [a-z0-9-]}. The same signal
     * always gives the same id, so a repeated signal cannot place a second order.
     */
    public static String forSignal(String signalId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(signalId.getBytes(StandardCharsets.UTF_8));
            return "sig-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
