package io.candlebus.launcher;

import io.candlebus.market.MarketConfig;
import io.candlebus.sim.ExchangeSimulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/** A node a tool (the soak) started in this JVM through {@link NodeStarter}: what the tool drives and reads. */
interface ToolNode {
    Vertx vertx();

    /** The built-in simulator the node runs against. */
    ExchangeSimulator simulator();

    /** The bound HTTP port. */
    int httpPort();

    /** The node's market settings, as read from its config. */
    MarketConfig market();

    /** Where the node journals its orders. */
    Path orderJournalDir();

    Future<Void> close();
}
