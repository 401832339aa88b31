package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    @Test
    void withoutTheClusterFlagItRunsOnAPlainVertx() throws Exception {
        Vertx vertx = BackfillCluster.vertx(List.of("--cluster-name", "prod"), Map.of());
        try {
            assertThat(vertx.isClustered()).isFalse();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBadClusterFlagIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> BackfillCluster.vertx(List.of("--cluster", "--cluster-port", "x"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster");
    }
}
