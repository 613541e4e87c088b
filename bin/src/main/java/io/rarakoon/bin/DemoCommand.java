package io.rarakoon.bin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rarakoon demo}: a local 3-node cluster on 127.0.0.1 in this JVM, client ports 4000-4002
 * and messaging ports 4010-4012, until Ctrl-C. It writes its cluster file into the data folder and
 * prints the commands to try.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run a local 3-node cluster on 127.0.0.1 until Ctrl-C:",
            "client ports 4000-4002, messaging ports 4010-4012."
        })
final class DemoCommand implements Callable<Integer> {
    static final List<String> NODES = List.of("node_0", "node_1", "node_2");

    private static final String NODE_ENTRY =
            """

            [[nodes]]
            name = "%s"
            addresses = ["127.0.0.1"]
            client_port = %d
            messaging_port = %d
            home_dir = "%s"
            """;

    @Spec private CommandSpec spec;

    @Option(
            names = "--dir",
            paramLabel = "FOLDER",
            description =
                    "Where the cluster file and the nodes' data go (default: a new temporary folder).")
    private Optional<Path> dir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path folder = dir.isPresent() ? dir.get() : Files.createTempDirectory("rarakoon-demo-");
        Files.createDirectories(folder);
        Path file = folder.resolve("cluster.toml");
        Files.writeString(file, clusterFile(), StandardCharsets.UTF_8);
        out.println("Cluster file: " + file.toAbsolutePath());
        out.println();
        out.print(clusterFile());
        out.println();
        out.println("Try, from another terminal:");
        String client =
                "  java -jar bin/target/rarakoon.jar client --config " + file.toAbsolutePath();
        out.println(client + " who-master");
        out.println(client + " set greeting hello");
        out.println(client + " get greeting");
        out.println(client + " range");
        out.println(client + " statistics");
        out.println();
        out.println("Ctrl-C stops the cluster; its data stays in " + folder.toAbsolutePath());
        out.flush();
        return NodeRunner.loadConfig(file, err)
                .map(config -> NodeRunner.run(config, NODES, err))
                .orElse(ExitCodes.USAGE);
    }

    /** Three voters with a short lease, so that a master is elected and replaced quickly. */
    static String clusterFile() {
        StringBuilder toml =
                new StringBuilder(
                        """
                        [cluster]
                        id = "rarakoon_demo"
                        lease_period_secs = 2

                        [wal]
                        entries_per_segment = 10000
                        """);
        for (int i = 0; i < NODES.size(); i++) {
            String name = NODES.get(i);
            toml.append(String.format(Locale.ROOT, NODE_ENTRY, name, 4000 + i, 4010 + i, name));
        }
        return toml.toString();
    }
}
