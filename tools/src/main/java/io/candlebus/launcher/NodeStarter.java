package io.candlebus.launcher;

import io.candlebus.contract.Instrument;
import io.candlebus.sim.SimInstrument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the tools need from the launcher's node code, which they cannot see: the launcher depends on the
 * tools (its runnable jar carries them), so the launcher's command table hands this in ({@code NodeStarts}).
 */
interface NodeStarter {
    /**
     * Reads {@code config} (the node's JSON config, with {@code env} as the environment) as the node would,
     * throwing {@link io.candlebus.contract.ConfigException} on a bad value, and starts a node of it in this
     * JVM; {@code beforeDeploy} runs on its Vert.x before any verticle is deployed.
     */
    Future<ToolNode> start(JsonObject config, Map<String, String> env, Consumer<Vertx> beforeDeploy);

    /** Returns the simulator set-up a node would run for exactly {@code wanted}. */
    List<SimInstrument> simInstruments(List<Instrument> wanted);

    /**
     * Returns the Vert.x a backfill runs on: clustered as {@code clusterArgs} (the node's cluster flags) and
     * {@code env} say, else a plain one; a bad flag fails with a {@code ConfigException} naming it.
     */
    Vertx backfillVertx(List<String> clusterArgs, Map<String, String> env) throws Exception;
}
