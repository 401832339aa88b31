package io.candlebus.launcher;

import io.candlebus.contract.Instrument;
import io.candlebus.market.MarketConfig;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimInstrument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The node code the tools module reaches, handed to it by {@link Main}'s command table: the tools cannot
 * depend on the launcher, which depends on them. No other node class refers to tool code.
 */
final class NodeStarts implements NodeStarter {
    @Override
    public Future<ToolNode> start(JsonObject json, Map<String, String> env, Consumer<Vertx> beforeDeploy) {
        AppConfig config = AppConfig.fromJson(json, env);
        return Node.start(config, beforeDeploy).map(node -> new Started(node, config));
    }

    @Override
    public Vertx backfillVertx(List<String> clusterArgs, Map<String, String> env) throws Exception {
        return BackfillVertx.create(clusterArgs, env);
    }

    @Override
    public List<SimInstrument> simInstruments(List<Instrument> wanted) {
        return Simulators.instruments(wanted);
    }

    private record Started(Node node, AppConfig config) implements ToolNode {
        @Override
        public Vertx vertx() {
            return node.vertx();
        }

        @Override
        public ExchangeSimulator simulator() {
            return node.simulator();
        }

        @Override
        public int httpPort() {
            return node.httpPort();
        }

        @Override
        public MarketConfig market() {
            return config.market();
        }

        @Override
        public Path orderJournalDir() {
            return config.orderJournalDir();
        }

        @Override
        public Future<Void> close() {
            return node.close();
        }
    }
}
