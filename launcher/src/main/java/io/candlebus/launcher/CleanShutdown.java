package io.candlebus.launcher;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a running node when the JVM is asked to stop (SIGTERM, SIGINT) and makes a clean stop exit with
 * status 0, so a service manager does not count every stop as a failure.
 */
final class CleanShutdown {
    private static final Logger log = LoggerFactory.getLogger(CleanShutdown.class);
    static final long CLOSE_TIMEOUT_SECONDS = 30;

    private CleanShutdown() {}

    /** Registers the shutdown hook for {@code node}. */
    static void install(Node node) {
        install("flushing the recorder and leaving the cluster", node::close);
    }

    /** Registers a shutdown hook that logs {@code what} it does and runs {@code close}. */
    static void install(String what, Supplier<Future<Void>> close) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run(what, close), "candlebus-shutdown"));
    }

    private static void run(String what, Supplier<Future<Void>> close) {
        log.info("shutting down: {}", what);
        try {
            close.get().await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The JVM then exits with its own status, 128 + the signal (143 for SIGTERM): a failed stop.
            log.warn("shutdown did not complete cleanly: {}", e.toString());
            return;
        }
        log.info("shut down cleanly");
        System.out.flush();
        System.err.flush();
        // A JVM stopped by a signal exits with 128 + the signal once its hooks end, and a hook cannot call
        // System.exit (it would wait for itself). Halting is how a hook sets the status; the node's own stop,
        // the only work left, is done. No code of ours calls System.exit while a node runs, so no other exit
        // status is overridden here.
        Runtime.getRuntime().halt(0);
    }
}
