package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillClusterTest {

    @Test
    void takesTheClusterFlagsAndTheirValuesOutOfTheBackfillsArguments() {
        BackfillCluster.Split split = BackfillCluster.split(List.of(
                "--instruments",
                "binance:spot:BTCUSDT",
                "--cluster",
                "--cluster-name",
                "prod",
                "--data",
                "d",
                "--cluster-members",
                "10.0.0.5,10.0.0.6"));

        assertThat(split.backfillArgs()).containsExactly("--instruments", "binance:spot:BTCUSDT", "--data", "d");
        assertThat(split.clusterArgs())
                .containsExactly("--cluster", "--cluster-name", "prod", "--cluster-members", "10.0.0.5,10.0.0.6");
    }
}
