package io.candlebus.order.bithumb;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.candlebus.order.ApiCredentials;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Signs Bithumb's private requests: an HS256 JWT (java-jwt) whose payload holds {@code access_key}, a
 * fresh {@code nonce} (UUID), {@code timestamp} (epoch ms, a JSON number) and, only when the request has
 * parameters, {@code query_hash} (SHA-512 of {@link BithumbQuery}'s string) with {@code query_hash_alg}
 * {@code SHA512}. The secret key is used as its UTF-8 bytes, as Bithumb's own examples do.
 */
public final class BithumbJwtSigner {
    private final ApiCredentials credentials;
    private final Algorithm algorithm;
    private final Clock clock;
    private final Supplier<UUID> nonces;

    /** Creates a signer stamping tokens with {@code clock} and random UUID nonces. */
    public BithumbJwtSigner(ApiCredentials credentials, Clock clock) {
        this(credentials, clock, UUID::randomUUID);
    }

    /** Creates a signer whose nonces come from {@code nonces} (tests fix them). */
    public BithumbJwtSigner(ApiCredentials credentials, Clock clock, Supplier<UUID> nonces) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.algorithm = Algorithm.HMAC256(credentials.secret());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
    }

    /**
     * Returns the JWT for a request whose parameters form {@code queryString} (see {@link BithumbQuery});
     * null or empty means a request without parameters, whose token carries no {@code query_hash}.
     */
    public String token(String queryString) {
        JWTCreator.Builder builder = JWT.create()
                .withClaim("access_key", credentials.key())
                .withClaim("nonce", nonces.get().toString())
                .withClaim("timestamp", clock.millis());
        if (queryString != null && !queryString.isEmpty()) {
            builder.withClaim("query_hash", BithumbQuery.hash(queryString)).withClaim("query_hash_alg", "SHA512");
        }
        return builder.sign(algorithm);
    }

    /** Returns the {@code Authorization} header value for {@code queryString}: {@code Bearer <jwt>}. */
    public String authorization(String queryString) {
        return "Bearer " + token(queryString);
    }
}
