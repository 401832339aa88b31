package io.candlebus.market.bithumb;

import io.candlebus.market.BadInputException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The same three ways of reading a trade as {@link BithumbParseBenchmark}, timed by this thread's CPU
 * time instead of the wall clock. On this shared 2-core machine other builds push the load average past
 * 10 and JMH's wall-clock scores swing by more than their own size; the CPU time a read costs moves far
 * less. Run: {@code java -cp benchmarks/target/benchmarks.jar io.candlebus.market.bithumb.BithumbParseCpu}.
 * Prints one line per way: {@code <way> ns_cpu_per_op=… ops_per_cpu_s=…}, the best of five rounds.
 */
public final class BithumbParseCpu {
    private static final int OPS = 2_000_000;
    private static final int ROUNDS = 5;

    private BithumbParseCpu() {}

    /** One way of reading a message. */
    private interface Read {
        Object read(byte[] message) throws BadInputException;
    }

    public static void main(String[] args) throws BadInputException {
        byte[][] messages = BithumbParseBenchmark.messages();
        BithumbTradeParser parser = new BithumbTradeParser(BithumbParseBenchmark.CODES_OF);
        BithumbTradeScanner scanner = new BithumbTradeScanner(BithumbParseBenchmark.CODES_OF);
        report("parseBytes", parser::parse, messages);
        report("scanner", scanner::read, messages);
        report("tree", parser::parseTree, messages);
    }

    private static void report(String name, Read read, byte[][] messages) throws BadInputException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS + 1; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < OPS; i++) {
                sink += read.read(messages[i & (BithumbParseBenchmark.MESSAGES - 1)])
                        .hashCode();
            }
            long cpu = threads.getCurrentThreadCpuTime() - start;
            if (round > 0) { // the first round is the JIT's warm-up
                best = Math.min(best, cpu);
            }
        }
        double perOp = (double) best / OPS;
        System.out.printf(
                Locale.ROOT, "%s ns_cpu_per_op=%.0f ops_per_cpu_s=%.0f (sink %d)%n", name, perOp, 1e9 / perOp, sink);
    }
}
