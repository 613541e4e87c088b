package io.rarakoon.node;

import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.NodeConfig;
import io.rarakoon.node.config.NodeRole;
import io.rarakoon.paxos.Cluster;
import io.rarakoon.paxos.MasterMode;
import io.rarakoon.paxos.message.NodeId;
import java.util.List;

/** Turns the validated cluster file into what consensus needs. Stateless. */
final class ClusterMapping {
    private ClusterMapping() {}

    /**
     * The consensus view of {@code config}.
     *
     * @throws IllegalArgumentException if the configuration does not make a valid cluster
     */
    static Cluster toCluster(ClusterConfig config) {
        List<NodeId> voters = ids(config.voters());
        List<NodeId> witnesses = ids(withRole(config, NodeRole.WITNESS));
        List<NodeId> learners = ids(withRole(config, NodeRole.LEARNER));
        MasterMode mode = MasterMode.valueOf(config.masterMode().name());
        List<NodeId> masters =
                switch (mode) {
                    case FORCED -> config.master().map(NodeId::new).stream().toList();
                    case PREFERRED -> config.preferredMasters().stream().map(NodeId::new).toList();
                    case ELECTED, READ_ONLY -> List.of();
                };
        return Cluster.elected(config.clusterId(), voters, config.leasePeriodMillis())
                .withFollowers(witnesses, learners)
                .withMasterMode(mode, masters)
                .withQuorum(config.quorumSize());
    }

    private static List<NodeConfig> withRole(ClusterConfig config, NodeRole role) {
        return config.nodes().stream().filter(n -> n.role() == role).toList();
    }

    private static List<NodeId> ids(List<NodeConfig> nodes) {
        return nodes.stream().map(n -> new NodeId(n.name())).toList();
    }
}
