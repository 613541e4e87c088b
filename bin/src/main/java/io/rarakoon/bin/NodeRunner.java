package io.rarakoon.bin;

import io.rarakoon.node.CorruptStorageException;
import io.rarakoon.node.Node;
import io.rarakoon.node.config.ClusterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts nodes of a cluster in this JVM and keeps them running until the process is asked to stop
 * (SIGTERM, Ctrl-C), then stops them cleanly and exits 0; or until one fails, then stops the others
 * and returns 1 for the process to exit with.
 */
final class NodeRunner {
    private NodeRunner() {}

    /** Loads the cluster file; prints every problem and returns empty when it is unusable. */
    static Optional<ClusterConfig> loadConfig(Path file, PrintWriter err) {
        try {
            return Optional.of(ConfigLoader.load(file));
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Starts the named nodes, then blocks until one fails or the JVM is asked to stop.
     *
     * @return the exit code when a node could not start or failed
     */
    static int run(ClusterConfig config, List<String> nodeNames, PrintWriter err) {
        List<Node> nodes = new ArrayList<>();
        try {
            for (String name : nodeNames) {
                if (config.node(name).isEmpty()) {
                    err.println("node '" + name + "' is not in the cluster file");
                    closeAll(nodes);
                    return ExitCodes.USAGE;
                }
                for (String line :
                        SettingsNotInEffect.of(config, config.node(name).orElseThrow())) {
                    err.println("warning: " + name + ": not in effect yet: " + line);
                }
                nodes.add(Node.start(config, name));
            }
        } catch (CorruptStorageException e) {
            err.println("corrupt storage: " + e.getMessage());
            closeAll(nodes);
            return ExitCodes.CORRUPT_STORAGE;
        } catch (IOException | RuntimeException e) {
            err.println("cannot start: " + e.getMessage());
            closeAll(nodes);
            return ExitCodes.FAILED;
        }
        err.flush();
        Thread stop = new Thread(() -> stopAndExit(nodes), "stop-nodes");
        Runtime.getRuntime().addShutdownHook(stop);
        int code = awaitFirstFailure(nodes, err);
        closeAll(nodes);
        try {
            // Without this the JVM's exit after a failure would run the hook, which exits 0.
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException stopRequested) {
            // SIGTERM came meanwhile: the hook is running and ends the process.
        }
        return code;
    }

    private static int awaitFirstFailure(List<Node> nodes, PrintWriter err) {
        try {
            while (true) {
                for (Node node : nodes) {
                    Optional<Throwable> failure = node.awaitFailure(200);
                    if (failure.isPresent()) {
                        err.println("node stopped: " + failure.get());
                        err.flush();
                        return ExitCodes.FAILED;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILED;
        }
    }

    /**
     * Runs in the shutdown hook: a requested stop is a clean stop, so the process exits 0 once
     * every node has answered its clients and closed its log (spec §3.7).
     */
    private static void stopAndExit(List<Node> nodes) {
        closeAll(nodes);
        Runtime.getRuntime().halt(ExitCodes.OK);
    }

    private static void closeAll(List<Node> nodes) {
        for (Node node : nodes) {
            node.close();
        }
    }
}
