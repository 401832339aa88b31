package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitedReportTest {

    @Test
    void reportsTheFirstEventThenAtMostOncePerIntervalWithTheCount() {
        RateLimitedReport report = new RateLimitedReport(60_000);
        assertThat(report.record(1_000)).isEqualTo(1);
        assertThat(report.record(2_000)).isZero();
        assertThat(report.record(60_999)).isZero();
        assertThat(report.record(61_000)).isEqualTo(3);
        assertThat(report.record(61_001)).isZero();
    }
}
