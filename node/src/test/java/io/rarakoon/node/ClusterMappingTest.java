package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.CollapseConfig;
import io.rarakoon.node.config.Compressor;
import io.rarakoon.node.config.LoggingConfig;
import io.rarakoon.node.config.MasterMode;
import io.rarakoon.node.config.NodeConfig;
import io.rarakoon.node.config.NodeRole;
import io.rarakoon.node.config.WalConfig;
import io.rarakoon.paxos.Cluster;
import io.rarakoon.paxos.message.NodeId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The cluster file becomes the consensus view: roles split into voters, witnesses and learners,
 * master modes carry their masters, and a fixed quorum overrides the majority.
 */
class ClusterMappingTest {
    private static final WalConfig WAL = new WalConfig(1_000, true, true, Compressor.ZSTD);

    @Test
    void rolesBecomeVotersWitnessesAndLearners() {
        Cluster cluster =
                ClusterMapping.toCluster(
                        config(
                                MasterMode.ELECTED,
                                Optional.empty(),
                                List.of(),
                                OptionalInt.empty(),
                                List.of(
                                        NodeRole.VOTER,
                                        NodeRole.WITNESS,
                                        NodeRole.VOTER,
                                        NodeRole.LEARNER)));
        assertEquals(ids("n0", "n1", "n2"), cluster.voters());
        assertEquals(ids("n1"), cluster.witnesses());
        assertEquals(ids("n3"), cluster.learners());
        assertEquals(2, cluster.quorum());
        assertEquals(io.rarakoon.paxos.MasterMode.ELECTED, cluster.masterMode());
        assertEquals(1_000, cluster.leasePeriodMillis());
    }

    @Test
    void forcedModeNamesItsMasterAndQuorumIsFixed() {
        Cluster cluster =
                ClusterMapping.toCluster(
                        config(
                                MasterMode.FORCED,
                                Optional.of("n2"),
                                List.of(),
                                OptionalInt.of(3),
                                List.of(NodeRole.VOTER, NodeRole.VOTER, NodeRole.VOTER)));
        assertEquals(io.rarakoon.paxos.MasterMode.FORCED, cluster.masterMode());
        assertEquals(ids("n2"), cluster.masters());
        assertEquals(3, cluster.quorum());
    }

    @Test
    void preferredModeNamesItsMasters() {
        Cluster cluster =
                ClusterMapping.toCluster(
                        config(
                                MasterMode.PREFERRED,
                                Optional.empty(),
                                List.of("n1", "n0"),
                                OptionalInt.empty(),
                                List.of(NodeRole.VOTER, NodeRole.VOTER, NodeRole.VOTER)));
        assertEquals(ids("n1", "n0"), cluster.masters());
    }

    private static List<NodeId> ids(String... names) {
        return List.of(names).stream().map(NodeId::new).toList();
    }

    private static ClusterConfig config(
            MasterMode mode,
            Optional<String> master,
            List<String> preferred,
            OptionalInt quorum,
            List<NodeRole> roles) {
        List<NodeConfig> nodes = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            Path home = Path.of("n" + i);
            nodes.add(
                    new NodeConfig(
                            "n" + i,
                            List.of("127.0.0.1"),
                            4000 + i,
                            4010 + i,
                            home,
                            home,
                            home,
                            home,
                            home,
                            roles.get(i),
                            roles.get(i) == NodeRole.LEARNER ? List.of("n0") : List.of(),
                            WAL,
                            "info",
                            Optional.empty(),
                            Optional.empty(),
                            0,
                            0,
                            OptionalInt.empty()));
        }
        return new ClusterConfig(
                "ring",
                mode,
                master,
                preferred,
                1_000,
                quorum,
                1_000,
                io.rarakoon.kv.Limits.VALUE_BYTES_MAX_DEFAULT,
                32 * 1024 * 1024,
                List.of(),
                WAL,
                new CollapseConfig(false, 10, 2, 0, 0),
                Optional.empty(),
                new LoggingConfig("info", 300, Map.of()),
                nodes,
                Limits.clientDefaults());
    }
}
