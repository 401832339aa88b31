package io.candlebus.launcher.http;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Keeps HTTP clients from taking the file descriptors the recorder and the feeds need: the connection
 * maximum must leave {@link #RESERVE} descriptors under the process limit. (HotSpot on Linux already raises
 * the soft {@code RLIMIT_NOFILE} to the hard limit at start, so the limit read here is the hard one; raise
 * that with {@code LimitNOFILE=} in a systemd unit or {@code ulimit -Hn} in the starting shell.)
 */
public final class FdBudget {
    /**
     * Descriptors kept for everything but HTTP clients: Parquet files being written, feed websockets and REST
     * connections, the cluster's sockets, jars and logs, with room to spare.
     */
    public static final int RESERVE = 256;
    /** The fewest connections the server is given however low the limit, so that health checks still work. */
    public static final int FLOOR = 16;

    private FdBudget() {}

    /**
     * Returns the connection maximum to use: {@code configured}, or less if it does not leave {@link #RESERVE}
     * descriptors under {@code fdLimit} (never less than {@link #FLOOR}); {@code fdLimit <= 0} means unknown.
     */
    public static int maxConnections(int configured, long fdLimit) {
        if (fdLimit <= 0) {
            return configured;
        }
        long allowed = Math.max(FLOOR, fdLimit - RESERVE);
        return (int) Math.min(configured, allowed);
    }

    /** Returns this process's file-descriptor limit, or -1 where the platform does not tell. */
    public static long processLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }
}
