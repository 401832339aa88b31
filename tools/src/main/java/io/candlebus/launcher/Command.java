package io.candlebus.launcher;

import java.io.PrintStream;
import java.util.List;

/** A sub-command of the jar with its own options (replay, bench, soak): returns the exit code. */
@FunctionalInterface
interface Command {
    int run(List<String> args, PrintStream out, PrintStream err);
}
