package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackfillVertxTest {
    @Test
    void withoutTheClusterFlagItRunsOnAPlainVertx() throws Exception {
        Vertx vertx = BackfillVertx.create(List.of("--cluster-name", "prod"), Map.of());
        try {
            assertThat(vertx.isClustered()).isFalse();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBadClusterFlagIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> BackfillVertx.create(List.of("--cluster", "--cluster-port", "x"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster");
    }
}
