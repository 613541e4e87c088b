package io.rarakoon.bin;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ClientConfig;
import io.rarakoon.node.Node;
import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.NodeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster of nodes in the test's JVM on 127.0.0.1, on ports picked free, with a 1 s lease and
 * small segments so that a few writes fill several; nodes can be stopped and started again on their
 * folders. Also a runner of the command line that captures its output. The test closes it, which
 * closes its clients and nodes.
 */
final class LocalCluster implements AutoCloseable {
    /** Every wait for a master in these tests is bounded by the client's own deadline. */
    private static final long CLIENT_DEADLINE_MILLIS = 30_000;

    /** Long enough for a retry or two, short enough for a test that expects a refusal. */
    private static final long SHORT_DEADLINE_MILLIS = 2_000;

    private final ClusterConfig config;
    private final Path clusterFile;
    private final Map<String, Node> running = new LinkedHashMap<>();
    private final List<ArakoonClient> clients = new ArrayList<>();

    private LocalCluster(Path clusterFile) throws IOException, ConfigException {
        this.clusterFile = clusterFile;
        this.config = ConfigLoader.load(clusterFile);
    }

    /** Writes the cluster file into {@code folder} and starts its three nodes. */
    static LocalCluster start(Path folder) throws IOException, ConfigException {
        return start(folder, 3, "");
    }

    /**
     * Writes a cluster file of {@code size} nodes into {@code folder}, with {@code clusterLines}
     * added to its {@code [cluster]} table, and starts every node.
     */
    static LocalCluster start(Path folder, int size, String clusterLines)
            throws IOException, ConfigException {
        Path file =
                TestClusterFile.write(
                        folder,
                        "[cluster]\nid = \"local_test\"\nlease_period_millis = 1000\n"
                                + clusterLines
                                + "[wal]\nentries_per_segment = 4\n",
                        size);
        LocalCluster cluster = new LocalCluster(file);
        try {
            for (NodeConfig node : cluster.config.nodes()) {
                cluster.start(node.name());
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    Path clusterFile() {
        return clusterFile;
    }

    /** Starts node {@code name} on its folder; it recovers what it had stored. */
    void start(String name) throws IOException {
        if (running.containsKey(name)) {
            throw new IllegalStateException(name + " already runs");
        }
        running.put(name, Node.start(config, name));
    }

    /** Stops node {@code name} cleanly. */
    void stop(String name) {
        Node node = running.remove(name);
        if (node == null) {
            throw new IllegalStateException(name + " does not run");
        }
        node.close();
    }

    /** A client of every node; its dirty and At_least reads go to {@code readNode}, if given. */
    ArakoonClient client(Optional<String> readNode) {
        ClientConfig.Builder builder =
                ClientConfig.builder(config.clusterId()).deadlineMillis(CLIENT_DEADLINE_MILLIS);
        for (NodeConfig node : config.nodes()) {
            builder.node(node.name(), node.primaryAddress(), node.clientPort());
        }
        readNode.ifPresent(builder::dirtyReadNode);
        ArakoonClient client = ArakoonClient.create(builder.build());
        clients.add(client);
        return client;
    }

    /**
     * A client that knows only node {@code name} and gives up after {@link #SHORT_DEADLINE_MILLIS}:
     * for calls that must be refused.
     */
    ArakoonClient clientOf(String name) {
        NodeConfig node = config.node(name).orElseThrow();
        ArakoonClient client =
                ArakoonClient.create(
                        ClientConfig.builder(config.clusterId())
                                .deadlineMillis(SHORT_DEADLINE_MILLIS)
                                .node(node.name(), node.primaryAddress(), node.clientPort())
                                .build());
        clients.add(client);
        return client;
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
        clients.forEach(ArakoonClient::close);
        running.values().forEach(Node::close);
        running.clear();
    }
}
