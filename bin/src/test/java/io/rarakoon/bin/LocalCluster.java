package io.rarakoon.bin;

import io.rarakoon.node.Node;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        StringBuilder toml =
                new StringBuilder(
                        "[cluster]\nid = \"admin_test\"\nlease_period_millis = 1000\n"
                                + "[wal]\nentries_per_segment = 4\n");
        List<Integer> ports = freePorts(6);
        for (int i = 0; i < 3; i++) {
            toml.append(
                    """
                    [[nodes]]
                    name = "node_%d"
                    addresses = ["127.0.0.1"]
                    client_port = %d
                    messaging_port = %d
                    home_dir = "node_%d"
                    """
                            .formatted(i, ports.get(i), ports.get(3 + i), i));
        }
        Path file = folder.resolve("cluster.toml");
        Files.writeString(file, toml, StandardCharsets.UTF_8);
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

    /** Holds every socket open until all are picked, so no port is handed out twice. */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
