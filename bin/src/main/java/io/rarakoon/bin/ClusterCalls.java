package io.rarakoon.bin;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ArakoonException;
import io.rarakoon.client.ClientConfig;
import io.rarakoon.client.OutcomeUnknownException;
import io.rarakoon.client.PemTls;
import io.rarakoon.client.ServerException;
import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.NodeConfig;
import io.rarakoon.node.config.TlsConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs one call of the client and admin commands: loads the cluster file, opens a client on the
 * voters, and turns failures into Arakoon's error names on stderr and an exit code.
 */
final class ClusterCalls {

    /** A call against the cluster that returns its exit code. */
    @FunctionalInterface
    interface Call {
        int run(ArakoonClient client) throws IOException;
    }

    private ClusterCalls() {}

    /**
     * Prints what picocli prints for a missing required option and returns {@link ExitCodes#USAGE}.
     * Commands check their own options this way, because an option that picocli requires would also
     * be demanded of {@code <command> <subcommand> --help}.
     */
    static int missingOption(CommandSpec spec, String option) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("Missing required option: '" + option + "'");
        spec.commandLine().usage(err);
        return ExitCodes.USAGE;
    }

    /**
     * Runs {@code call} on the calling thread with a client that gives up after {@code
     * timeoutSecs}, retries included.
     *
     * @return the call's exit code; {@link ExitCodes#USAGE} for an unusable cluster file; {@link
     *     ExitCodes#FAILED} after printing a server error as {@code E_<NAME>: message}, an unknown
     *     outcome, no answer, or a local I/O failure
     */
    static int run(Path config, TlsOptions tls, long timeoutSecs, PrintWriter err, Call call) {
        return run(config, Optional.empty(), tls, timeoutSecs, err, call);
    }

    /**
     * As {@link #run(Path, TlsOptions, long, PrintWriter, Call)} for a call addressed to the voter
     * {@code node}; a name that is not a voter of the cluster file is a usage error.
     */
    static int runOnNode(
            Path config,
            String node,
            TlsOptions tls,
            long timeoutSecs,
            PrintWriter err,
            Call call) {
        return run(config, Optional.of(node), tls, timeoutSecs, err, call);
    }

    private static int run(
            Path config,
            Optional<String> node,
            TlsOptions tls,
            long timeoutSecs,
            PrintWriter err,
            Call call) {
        Optional<ClusterConfig> cluster = NodeRunner.loadConfig(config, err);
        if (cluster.isEmpty()) {
            return ExitCodes.USAGE;
        }
        if (!tls.isComplete()) {
            err.println("--tls-cert and --tls-key go together");
            return ExitCodes.USAGE;
        }
        List<String> voters = cluster.get().voters().stream().map(NodeConfig::name).toList();
        if (node.isPresent() && !voters.contains(node.get())) {
            err.println("--node: '" + node.get() + "' is not a voter of the cluster file");
            return ExitCodes.USAGE;
        }
        try (ArakoonClient client =
                ArakoonClient.create(clientConfig(cluster.get(), tls, timeoutSecs))) {
            return call.run(client);
        } catch (ServerException e) {
            err.println("E_" + e.resultCode().name() + ": " + e.serverMessage().toUtf8());
        } catch (OutcomeUnknownException e) {
            err.println(
                    "outcome unknown (the write may or may not have happened): " + e.getMessage());
        } catch (ArakoonException e) {
            err.println("no answer: " + e.getMessage());
        } catch (IOException e) {
            err.println("local file: " + e.getMessage());
        }
        return ExitCodes.FAILED;
    }

    /**
     * Clients talk to the voters only; learners never answer writes or consistent reads. With
     * {@code [tls] service = true} they trust the cluster's CA and present the certificate given.
     *
     * @throws IOException if a TLS file cannot be read
     */
    static ClientConfig clientConfig(ClusterConfig cluster, TlsOptions tls, long timeoutSecs)
            throws IOException {
        ClientConfig.Builder builder =
                ClientConfig.builder(cluster.clusterId()).deadlineMillis(timeoutSecs * 1000);
        for (NodeConfig node : cluster.voters()) {
            builder.node(node.name(), node.primaryAddress(), node.clientPort());
        }
        Optional<TlsConfig> clusterTls = cluster.tls().filter(TlsConfig::service);
        if (clusterTls.isPresent()) {
            builder.tls(PemTls.context(clusterTls.get().caCert(), tls.identity()));
        }
        return builder.build();
    }
}
