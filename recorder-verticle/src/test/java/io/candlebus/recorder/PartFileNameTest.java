package io.candlebus.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartFileNameTest {
    private static final long M = 60_000L;

    @Test
    void formatsAndParsesBack() {
        PartFileName name = new PartFileName(1_719_765_480_000L, 1_719_765_720_000L, 5, "0123456789abcdef", 42);

        assertThat(name.fileName()).isEqualTo("part-1719765480000-1719765720000-5-0123456789abcdef-000042.parquet");
        assertThat(name.tempFileName()).isEqualTo("." + name.fileName() + ".tmp");
        assertThat(PartFileName.parse(name.fileName())).contains(name);
    }

    @Test
    void tellsContiguousFilesFromGappyOnes() {
        assertThat(new PartFileName(0, 4 * M, 5, "ab", 0).isContiguous(M)).isTrue();
        assertThat(new PartFileName(0, 4 * M, 4, "ab", 0).isContiguous(M)).isFalse();
        assertThat(new PartFileName(0, 0, 1, "ab", 0).isContiguous(M)).isTrue();
        assertThat(new PartFileName(0, 4 * M, 5, "ab", 0).isContiguous(5 * M)).isFalse();
    }

    @Test
    void ignoresNamesItDidNotWrite() {
        assertThat(PartFileName.parse("part-0.parquet")).isEmpty();
        assertThat(PartFileName.parse(".part-0-0-1-ab-000000.parquet.tmp")).isEmpty();
        assertThat(PartFileName.parse("part-5-0-1-ab-000000.parquet")).isEqualTo(Optional.empty());
        assertThat(PartFileName.parse("part-0-0-1-AB-000000.parquet")).isEmpty();
        assertThat(PartFileName.parse("part-0-0-99999999999999999999-ab-0.parquet"))
                .isEmpty();
    }

    @Test
    void parsesNegativeOpenTimesAndLongWriterIds() {
        PartFileName name = new PartFileName(-2 * M, -M, 2, "0123456789abcdef0123456789abcdef", 7);

        assertThat(name.fileName()).isEqualTo("part--120000--60000-2-0123456789abcdef0123456789abcdef-000007.parquet");
        assertThat(PartFileName.parse(name.fileName())).contains(name);
    }

    @Test
    void ignoresNamesWithMissingExtraOrMalformedParts() {
        assertThat(PartFileName.parse("part-0-0-1-ab-000000.parquet")).isPresent();
        assertThat(PartFileName.parse("part-0-0-1-ab.parquet")).isEmpty();
        assertThat(PartFileName.parse("part-0-0-1-ab-.parquet")).isEmpty();
        assertThat(PartFileName.parse("part-0-0-1-ab-0-1.parquet")).isEmpty();
        assertThat(PartFileName.parse("part-0-0-1--0.parquet")).isEmpty();
        assertThat(PartFileName.parse("part-0-0--1-ab-0.parquet")).isEmpty();
        assertThat(PartFileName.parse("part-0-0-+1-ab-0.parquet")).isEmpty();
        assertThat(PartFileName.parse("part-0x-0-1-ab-0.parquet")).isEmpty();
        assertThat(PartFileName.parse("part-0-0-1-0123456789abcdef0123456789abcdef0-0.parquet"))
                .isEmpty();
        assertThat(PartFileName.parse("part-0-0-1-ab-0.parquet.bak")).isEmpty();
        assertThat(PartFileName.parse("xpart-0-0-1-ab-0.parquet")).isEmpty();
        assertThat(PartFileName.parse("part-0-0-1-ab-0")).isEmpty();
        assertThat(PartFileName.parse("part-.parquet")).isEmpty();
    }

    @Test
    void rejectsInconsistentParts() {
        assertThatThrownBy(() -> new PartFileName(M, 0, 1, "ab", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartFileName(0, 0, 0, "ab", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartFileName(0, 0, 1, "a-b", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
