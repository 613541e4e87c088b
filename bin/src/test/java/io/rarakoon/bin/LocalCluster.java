package io.rarakoon.bin;

import io.rarakoon.node.Node;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A 3-node cluster in the test's JVM on 127.0.0.1, on ports picked free, with a short lease and
 * small segments so that a few writes fill several; and a runner of the command line that captures
 * its output. The test closes it.
 */
final class LocalCluster implements AutoCloseable {
    private final List<Node> nodes = new ArrayList<>();
    private final Path clusterFile;

    private LocalCluster(Path clusterFile) {
        this.clusterFile = clusterFile;
    }

    /** Writes the cluster file into {@code folder} and starts its three nodes. */
    static LocalCluster start(Path folder) throws Exception {
        Path file =
                TestClusterFile.write(
                        folder,
                        "[cluster]\nid = \"admin_test\"\nlease_period_millis = 1000\n"
                                + "[wal]\nentries_per_segment = 4\n",
                        3);
        LocalCluster cluster = new LocalCluster(file);
        for (int i = 0; i < 3; i++) {
            cluster.nodes.add(Node.start(ConfigLoader.load(file), "node_" + i));
        }
        return cluster;
    }

    Path clusterFile() {
        return clusterFile;
    }

    /** Runs {@code rarakoon client --config <file> args...}. */
    Result client(String... args) {
        return withConfig("client", args);
    }

    /** Runs {@code rarakoon admin --config <file> --node node args...}. */
    Result admin(String node, String... args) {
        List<String> all = new ArrayList<>(List.of("--node", node));
        all.addAll(List.of(args));
        return withConfig("admin", all.toArray(String[]::new));
    }

    private Result withConfig(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--config", clusterFile.toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    /** Runs the command line in this JVM and captures its exit code, stdout and stderr. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** What one run of the command line printed and returned. */
    record Result(int code, String out, String err) {}

    @Override
    public void close() {
        nodes.forEach(Node::close);
    }
}
