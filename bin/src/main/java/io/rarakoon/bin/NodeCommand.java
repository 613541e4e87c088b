package io.rarakoon.bin;

import io.rarakoon.node.config.ClusterConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rarakoon node --config F --node N}: runs one node until SIGTERM or Ctrl-C. */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        description = "Run one node of the cluster until SIGTERM or Ctrl-C.",
        footer = {
            "",
            "Exit codes: 0 clean stop, 1 fatal error, 2 bad command line or cluster file,",
            "49 corrupt log, head snapshot or promise file."
        })
final class NodeCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "The cluster file.")
    private Path config;

    @Option(
            names = "--node",
            required = true,
            paramLabel = "NAME",
            description = "This node's name in the cluster file.")
    private String node;

    @Override
    public Integer call() {
        return run(config, node, spec);
    }

    static int run(Path config, String node, CommandSpec spec) {
        var err = spec.commandLine().getErr();
        return NodeRunner.loadConfig(config, err)
                .map(c -> run(c, node, err))
                .orElse(ExitCodes.USAGE);
    }

    /** A JVM that runs one node takes that node's log levels and log file. */
    private static int run(ClusterConfig config, String node, PrintWriter err) {
        config.node(node).ifPresent(n -> err.println("logging to " + NodeLogging.apply(config, n)));
        return NodeRunner.run(config, List.of(node), err);
    }
}
