package io.rarakoon.node.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code [[nodes]]} entry with every default and per-node override already resolved.
 *
 * @param name the node's unique name
 * @param addresses addresses the node listens on; the first is its identity for peers
 * @param clientPort port of Arakoon's client protocol
 * @param messagingPort port of node-to-node traffic
 * @param homeDir the node's home; relative paths in the file are resolved against the file's folder
 * @param tlogDir where the active WAL segments live (default: homeDir)
 * @param archiveDir where compressed segments live (default: tlogDir)
 * @param headDir where the head snapshot lives (default: archiveDir)
 * @param logDir where the node's log file lives (default: homeDir)
 * @param role voter, learner or witness
 * @param learnFrom the voters a learner follows; empty for other roles
 * @param wal the cluster's WAL settings with this node's overrides applied
 * @param logLevel this node's log level
 * @param tlsCert this node's certificate, when TLS is configured
 * @param tlsKey this node's private key, when TLS is configured
 * @param collapseSlowdown this node's collapse slowdown factor
 * @param dropMessagesPermille test aid: incoming node messages dropped per thousand
 * @param metricsPort port of the Prometheus metrics endpoint; empty for none
 */
public record NodeConfig(
        String name,
        List<String> addresses,
        int clientPort,
        int messagingPort,
        Path homeDir,
        Path tlogDir,
        Path archiveDir,
        Path headDir,
        Path logDir,
        NodeRole role,
        List<String> learnFrom,
        WalConfig wal,
        String logLevel,
        Optional<Path> tlsCert,
        Optional<Path> tlsKey,
        double collapseSlowdown,
        int dropMessagesPermille,
        OptionalInt metricsPort) {

    public NodeConfig {
        addresses = List.copyOf(addresses);
        learnFrom = List.copyOf(learnFrom);
    }

    /** The address peers and clients use to reach this node: the first configured one. */
    public String primaryAddress() {
        return addresses.get(0);
    }
}
