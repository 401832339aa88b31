package io.candlebus.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's resident set from {@code /proc/self/status} (Linux). */
final class BenchMemory {
    private BenchMemory() {}

    /** Returns {resident bytes now, peak resident bytes}, each -1 where the system does not tell. */
    static long[] rss() {
        long[] out = {-1, -1};
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    out[0] = kilobytes(line) * 1024;
                } else if (line.startsWith("VmHWM:")) {
                    out[1] = kilobytes(line) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
