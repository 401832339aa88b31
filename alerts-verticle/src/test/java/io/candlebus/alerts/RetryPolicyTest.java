package io.candlebus.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.alerts.RetryPolicy.Outcome;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, 1000, 8000);

    @Test
    void success() {
        assertThat(policy.onResponse(200, null, "{\"ok\":true}", 1).outcome()).isEqualTo(Outcome.SENT);
        assertThat(policy.onResponse(204, null, "", 1).outcome()).isEqualTo(Outcome.SENT);
    }

    @Test
    void telegram429WaitsTheRetryAfterItAsksFor() {
        String body = "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                + "\"parameters\":{\"retry_after\":7}}";
        RetryPolicy.Decision d = policy.onResponse(429, null, body, 1);
        assertThat(d.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(d.delayMillis()).isEqualTo(7000);
        assertThat(d.reason()).isEqualTo("HTTP 429: Too Many Requests: retry after 7");
    }

    @Test
    void retryAfterBeyondTheBackoffCapIsStillHonoured() {
        String body = "{\"parameters\":{\"retry_after\":30}}";
        assertThat(policy.onResponse(429, null, body, 1).delayMillis()).isEqualTo(30_000);
    }

    @Test
    void discord429InFractionalSecondsAndTheHeader() {
        assertThat(policy.onResponse(429, null, "{\"message\":\"rate limited\",\"retry_after\":0.25}", 1)
                        .delayMillis())
                .isEqualTo(250);
        assertThat(policy.onResponse(429, "3", "", 1).delayMillis()).isEqualTo(3000);
        // Nothing said: the backoff.
        assertThat(policy.onResponse(429, null, "busy", 2).delayMillis()).isEqualTo(2000);
    }

    @Test
    void serverErrorsAndNetworkErrorsBackOffDoublingUpToTheCap() {
        assertThat(policy.onResponse(500, null, "", 1).delayMillis()).isEqualTo(1000);
        assertThat(policy.onResponse(502, null, "", 2).delayMillis()).isEqualTo(2000);
        assertThat(policy.onError("connection refused", 3).delayMillis()).isEqualTo(4000);
        assertThat(policy.onError("connection refused", 4).delayMillis()).isEqualTo(8000);
        assertThat(new RetryPolicy(100, 1000, 8000).backoff(60)).isEqualTo(8000);
    }

    @Test
    void givesUpAfterMaxAttemptsAndAtOnceOnOtherClientErrors() {
        assertThat(policy.onResponse(500, null, "", 5).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(policy.onError("timeout", 5).outcome()).isEqualTo(Outcome.FAILED);
        RetryPolicy.Decision forbidden =
                policy.onResponse(403, null, "{\"ok\":false,\"description\":\"Forbidden: bot was blocked\"}", 1);
        assertThat(forbidden.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(forbidden.reason()).contains("bot was blocked");
        assertThat(policy.onResponse(429, null, "{\"retry_after\":7200}", 1).outcome())
                .isEqualTo(Outcome.FAILED);
    }
}
