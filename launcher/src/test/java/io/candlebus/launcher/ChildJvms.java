package io.candlebus.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Starts candlebus nodes in child JVMs for cluster tests (the test's own class path, its output in a log file)
 * and builds the cluster settings they and the test's in-process node share.
 */
final class ChildJvms {
    private ChildJvms() {}

    /** Starts {@code Main} with {@code args} and a 512 MB heap, output to {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        return start(log, "-Xmx512m", List.of(args));
    }

    /** Starts {@code Main} with {@code args} and the heap option {@code heap}, output to {@code log}. */
    static Process start(Path log, String heap, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir")))
                .start();
    }

    /** Starts a node with only the recorder role, named {@code name}, in the cluster, writing under {@code data}. */
    static Process recorder(Path log, String name, int port, String clusterName, String members, Path data)
            throws IOException {
        return recorder(log, name, port, clusterName, members, data, List.of());
    }

    /** As above, with {@code more} command-line arguments (e.g. {@code --config FILE}) after the others. */
    static Process recorder(
            Path log, String name, int port, String clusterName, String members, Path data, List<String> more)
            throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--cluster",
                "--cluster-name",
                clusterName,
                "--cluster-port",
                String.valueOf(port),
                "--cluster-members",
                members,
                "--roles",
                "recorder",
                "--node",
                name,
                "--data",
                data.toString()));
        args.addAll(more);
        return start(log, "-Xmx384m", args);
    }

    /** Returns the comma-separated loopback members for {@code ports}. */
    static String members(int... ports) {
        return Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** Returns the {@code cluster} section of an in-process node joining {@code members} from {@code port}. */
    static JsonObject clusterJson(String clusterName, int port, String members) {
        return new JsonObject()
                .put("enabled", true)
                .put("name", clusterName)
                .put("port", port)
                .put("members", new JsonArray(List.of(members.split(","))));
    }

    /** Returns a TCP port free at the time of the call. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
