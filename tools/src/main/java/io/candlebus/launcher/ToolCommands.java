package io.candlebus.launcher;

import java.util.Map;

/** The jar's tool sub-commands by name: the launcher's {@code Main} offers each before the node's options. */
final class ToolCommands {
    private ToolCommands() {}

    /** Returns the sub-commands; the soak and the backfill reach node code only through {@code nodes}. */
    static Map<String, Command> all(NodeStarter nodes) {
        return Map.of(
                "soak",
                (args, out, err) -> SoakCommand.run(args, out, err, nodes),
                "replay",
                ReplayCommand::run,
                "bench",
                BenchCommand::run,
                "check",
                CheckCommand::run,
                "backfill",
                (args, out, err) -> BackfillCommand.run(args, out, err, nodes));
    }
}
