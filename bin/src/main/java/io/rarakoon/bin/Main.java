package io.rarakoon.bin;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code rarakoon.jar}. Parses the command line with picocli and exits with the
 * command's exit code.
 */
@Command(
        name = "rarakoon",
        mixinStandardHelpOptions = true,
        version = "rarakoon 0.1.0-SNAPSHOT",
        description = "A Multi-Paxos key-value store, wire-compatible with Arakoon.")
public final class Main implements Runnable {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; never exits the JVM (tests call this). */
    static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
