package io.rarakoon.bin;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code rarakoon.jar}. {@code --config F --node N} runs a node, as Arakoon's {@code
 * --node} does; the subcommands do everything else.
 */
@Command(
        name = "rarakoon",
        mixinStandardHelpOptions = true,
        version = "rarakoon 0.1.0-SNAPSHOT",
        description = "A Multi-Paxos key-value store, wire-compatible with Arakoon.",
        subcommands = {
            NodeCommand.class,
            DemoCommand.class,
            ClientCommand.class,
            AdminCommand.class,
            WalCommand.class,
            StoreCommand.class,
            BenchmarkCommand.class,
            SimulateCommand.class
        },
        footer = {
            "",
            "Run a node:  rarakoon --config cluster.toml --node node_0",
            "Exit codes:  0 done or clean stop, 1 failed, 2 bad command line or cluster file,",
            "             49 corrupt storage."
        })
public final class Main implements Callable<Integer> {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The cluster file (to run a node).")
    private Optional<Path> config;

    @Option(names = "--node", paramLabel = "NAME", description = "The node to run.")
    private Optional<String> node;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; never exits the JVM (tests call this). */
    static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    /** As {@link #run(String...)}, printing to the given writers. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new Main()).setOut(out).setErr(err).execute(args);
    }

    @Override
    public Integer call() {
        if (config.isPresent() && node.isPresent()) {
            return NodeCommand.run(config.get(), node.get(), spec);
        }
        if (config.isPresent() || node.isPresent()) {
            spec.commandLine().getErr().println("--config and --node go together");
            return ExitCodes.USAGE;
        }
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
