package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillPlanTest {
    private static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final long MIN = 60_000L;
    private static final long FROM = 1_767_225_600_000L;
    private static final long TO = FROM + 60 * MIN;

    @Test
    void anEmptyDiskResumesAtTheStartAndCountsEveryKey() {
        BackfillPlan plan = new BackfillPlan(List.of(BTC), List.of(Interval.M1, Interval.M5), FROM, TO);

        assertThat(plan.resumeAt(BTC)).isEqualTo(FROM);
        assertThat(plan.total()).isEqualTo(60 + 12);
        assertThat(plan.present()).isZero();
    }

    @Test
    void resumesAtTheFirstMissingKeyOfAnyStreamAlignedToTheLargestInterval() {
        BackfillPlan plan = new BackfillPlan(List.of(BTC), List.of(Interval.M1, Interval.M5), FROM, TO);
        plan.stream(BTC, Interval.M1).add(FROM - 10 * MIN, FROM + 22 * MIN);
        plan.stream(BTC, Interval.M5).add(FROM, FROM + 15 * MIN);

        // 1m is complete through minute 22, 5m through the bucket at 15: the 5m bucket at 20 is missing.
        assertThat(plan.resumeAt(BTC)).isEqualTo(FROM + 20 * MIN);
        assertThat(plan.stream(BTC, Interval.M1).slotsBefore(FROM + 20 * MIN)).isEqualTo(20);
        assertThat(plan.present()).isEqualTo(23 + 4);
        assertThat(plan.stream(BTC, Interval.M1).contains(FROM + 22 * MIN)).isTrue();
        assertThat(plan.stream(BTC, Interval.M1).contains(FROM + 23 * MIN)).isFalse();
    }

    @Test
    void aHoleBeforeLaterKeysIsWhereItResumes() {
        BackfillPlan plan = new BackfillPlan(List.of(BTC), List.of(Interval.M1), FROM, TO);
        plan.stream(BTC, Interval.M1).add(FROM, FROM + 9 * MIN);
        plan.stream(BTC, Interval.M1).add(FROM + 30 * MIN, TO + 100 * MIN);

        assertThat(plan.resumeAt(BTC)).isEqualTo(FROM + 10 * MIN);
        assertThat(plan.present()).isEqualTo(10 + 30);
    }

    @Test
    void aCompleteRangeHasNothingToFetch() {
        BackfillPlan plan = new BackfillPlan(List.of(BTC), List.of(Interval.M1), FROM, TO);
        plan.stream(BTC, Interval.M1).add(FROM, TO - MIN);

        assertThat(plan.resumeAt(BTC)).isEqualTo(TO);
    }

    @Test
    void progressShowsRowsRateAndEta() {
        BackfillProgress p = new BackfillProgress(1_000, 0);
        p.skippedUnfetched(200);
        p.fetched(400);

        assertThat(p.line(2_000_000_000L)).isEqualTo("backfill: 600/1000 rows (60.0%) 200 rows/s, ETA 2s");
        assertThat(BackfillProgress.format(Duration.ofSeconds(3_725))).isEqualTo("1h02m");
        assertThat(new BackfillProgress(10, 0).line(1)).endsWith("ETA ?");
    }

    @Test
    void optionsParseAndNameWhatIsWrong() {
        BackfillOptions o = BackfillOptions.parse(List.of(
                "--instruments", "binance:spot:BTCUSDT,bithumb:spot:KRW-BTC",
                "--intervals", "5m,1m",
                "--from", "2026-01-01T00:00Z",
                "--to", "2026-01-02T00:00Z",
                "--data", "d"));

        assertThat(o.intervals()).containsExactly(Interval.M1, Interval.M5);
        assertThat(o.to() - o.from()).isEqualTo(1_440 * MIN);
        assertThat(o.source()).isEqualTo("live");
        assertThatThrownBy(() -> BackfillOptions.parse(List.of("--intervals", "1s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--intervals");
        assertThatThrownBy(() -> BackfillOptions.parse(List.of(
                        "--instruments",
                        "binance:spot:BTCUSDT",
                        "--intervals",
                        "1m",
                        "--from",
                        "2026-01-02T00:00Z",
                        "--to",
                        "2026-01-01T00:00Z",
                        "--data",
                        "d")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--to");
        assertThatThrownBy(() -> BackfillOptions.parse(List.of("--source", "dev")))
                .hasMessageContaining("--source");
    }
}
