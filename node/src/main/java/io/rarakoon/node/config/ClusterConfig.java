package io.rarakoon.node.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The whole cluster file: identical on every node, which picks its own entry by name.
 *
 * @param clusterId checked in every client prologue and every node-to-node handshake
 * @param masterMode how the master is chosen
 * @param master the forced master (only with {@link MasterMode#FORCED})
 * @param preferredMasters the preferred masters (only with {@link MasterMode#PREFERRED})
 * @param leasePeriodMillis the master lease
 * @param quorum a fixed quorum, or empty for a majority of the voters
 * @param clientBufferCapacity the master's client queue capacity
 * @param valueBytesMax a value of this size or larger is rejected
 * @param frameBytesMax the largest node-to-node frame
 * @param plugins user functions and hooks to load, by service name
 * @param wal cluster-wide WAL settings (nodes may override fsync and compressor)
 * @param collapse when and how the log is collapsed
 * @param tls TLS settings, when the cluster uses TLS
 * @param logging log levels
 * @param nodes every node, in file order
 * @param clientLimits what each node grants its clients: connections, sizes, idle time, pipelining
 */
public record ClusterConfig(
        String clusterId,
        MasterMode masterMode,
        Optional<String> master,
        List<String> preferredMasters,
        long leasePeriodMillis,
        OptionalInt quorum,
        int clientBufferCapacity,
        long valueBytesMax,
        long frameBytesMax,
        List<String> plugins,
        WalConfig wal,
        CollapseConfig collapse,
        Optional<TlsConfig> tls,
        LoggingConfig logging,
        List<NodeConfig> nodes,
        ClientLimits clientLimits) {

    public ClusterConfig {
        preferredMasters = List.copyOf(preferredMasters);
        plugins = List.copyOf(plugins);
        nodes = List.copyOf(nodes);
    }

    /** The node of that name, if the file has one. */
    public Optional<NodeConfig> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The voting nodes (voters and witnesses), in file order. */
    public List<NodeConfig> voters() {
        return nodes.stream().filter(n -> n.role() != NodeRole.LEARNER).toList();
    }

    /** The number of votes that make a quorum: the fixed quorum, or a majority of the voters. */
    public int quorumSize() {
        return quorum.orElse(voters().size() / 2 + 1);
    }
}
