package io.candlebus.launcher;

import io.candlebus.contract.Instrument;
import io.candlebus.sim.SimInstrument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The launcher's {@code Main.run} for the tool sub-commands, as the tools' tests call it: the same command
 * table, minus the node code (which lives in the launcher, above this module), so a test that would start a
 * node belongs in the launcher's tests.
 */
final class ToolMain {
    private static final Map<String, Command> TOOLS = ToolCommands.all(new NoNode());

    private ToolMain() {}

    /** Runs {@code args} (the sub-command first) as {@code java -jar candlebus.jar} would; returns the exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Command command = TOOLS.get(args[0]);
        if (command == null) {
            throw new IllegalArgumentException("not a tool sub-command: " + args[0]);
        }
        return command.run(List.of(args).subList(1, args.length), out, err);
    }

    private static final class NoNode implements NodeStarter {
        @Override
        public Future<ToolNode> start(JsonObject config, Map<String, String> env, Consumer<Vertx> beforeDeploy) {
            throw new IllegalStateException("the tools' tests start no node: the launcher's tests do");
        }

        @Override
        public List<SimInstrument> simInstruments(List<Instrument> wanted) {
            throw new IllegalStateException("the tools' tests start no simulator for a backfill: the launcher's do");
        }

        @Override
        public Vertx backfillVertx(List<String> clusterArgs, Map<String, String> env) {
            throw new IllegalStateException("the tools' tests run no backfill: the launcher's do");
        }
    }
}
