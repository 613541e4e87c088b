package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.node.config.ClientLimits;
import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.Compressor;
import io.rarakoon.node.config.MasterMode;
import io.rarakoon.node.config.NodeConfig;
import io.rarakoon.node.config.NodeRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster file loader: defaults and overrides of a valid file, and for each validation rule of
 * spec §4.2 a file that breaks it, checking that the problem names key and line and that all
 * problems of a file are reported together.
 */
class ConfigLoaderTest {

    private static final String THREE_NODES =
            """
            [cluster]
            id = "ricky"

            [[nodes]]
            name = "node_0"
            addresses = ["127.0.0.1"]
            client_port = 4000
            messaging_port = 4010
            home_dir = "data/node_0"

            [[nodes]]
            name = "node_1"
            addresses = ["127.0.0.1"]
            client_port = 4001
            messaging_port = 4011
            home_dir = "data/node_1"
            fsync = false
            compressor = "none"

            [[nodes]]
            name = "node_2"
            addresses = ["127.0.0.1"]
            client_port = 4002
            messaging_port = 4012
            home_dir = "/abs/node_2"
            tlog_dir = "tlogs"
            """;

    @TempDir Path folder;

    @Test
    void loadsDefaultsAndPerNodeOverrides() throws Exception {
        ClusterConfig config = load(THREE_NODES);

        assertEquals("ricky", config.clusterId());
        assertEquals(MasterMode.ELECTED, config.masterMode());
        assertEquals(10_000, config.leasePeriodMillis());
        assertEquals(2, config.quorumSize());
        assertEquals(8_388_608, config.valueBytesMax());
        assertEquals(100_000, config.wal().entriesPerSegment());
        assertEquals(5, config.collapse().segmentsToKeep());
        assertTrue(config.tls().isEmpty());
        NodeConfig node0 = config.node("node_0").orElseThrow();
        assertEquals(folder.resolve("data/node_0"), node0.homeDir());
        assertEquals(node0.homeDir(), node0.headDir());
        assertEquals(NodeRole.VOTER, node0.role());
        assertTrue(node0.wal().fsync());
        NodeConfig node1 = config.node("node_1").orElseThrow();
        assertEquals(false, node1.wal().fsync());
        assertEquals(Compressor.NONE, node1.wal().compressor());
        NodeConfig node2 = config.node("node_2").orElseThrow();
        assertEquals(Path.of("/abs/node_2"), node2.homeDir());
        assertEquals(folder.resolve("tlogs"), node2.archiveDir());
        assertEquals(folder.resolve("tlogs"), node2.headDir());
    }

    @Test
    void refusesArchiveOrHeadFoldersOutsideTheTlogFolder() {
        assertProblem(
                THREE_NODES.replace(
                        "tlog_dir = \"tlogs\"", "tlog_dir = \"tlogs\"\narchive_dir = \"archives\""),
                "nodes[2].archive_dir: a folder other than tlog_dir is not supported yet");
        assertProblem(
                THREE_NODES.replace("tlog_dir = \"tlogs\"", "head_dir = \"heads\""),
                "nodes[2].head_dir: a folder other than tlog_dir is not supported yet");
    }

    @Test
    void leaseMayBeGivenInMillisForShortTestLeases() throws Exception {
        ClusterConfig config =
                load(
                        THREE_NODES.replace(
                                "id = \"ricky\"", "id = \"ricky\"\nlease_period_millis = 500"));
        assertEquals(500, config.leasePeriodMillis());
    }

    @Test
    void reportsEveryProblemAtOnceWithKeyAndLine() {
        String broken =
                THREE_NODES
                        .replace(
                                "id = \"ricky\"",
                                "id = \"ricky\"\nquorum = 4\nlease_period_secs = 0")
                        .replace("client_port = 4001", "client_port = 70000");
        List<String> problems = problems(broken);

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(
                problems.contains("line 3: cluster.quorum: 4 is not in 1..3"), problems.toString());
        assertTrue(
                problems.contains("line 4: cluster.lease_period_secs: 0 is not in 1..3600"),
                problems.toString());
        assertTrue(
                problems.stream()
                        .anyMatch(
                                p -> p.contains("nodes[1].client_port: 70000 is not in 1..65535")));
    }

    @Test
    void syntaxErrorsNameTheLine() {
        List<String> problems = problems("[cluster]\nid = \"x\"\nlease_period_secs = = 3\n");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("line 3: syntax: "), problems.get(0));
    }

    @Test
    void missingFileIsAProblemNotACrash() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> ConfigLoader.load(folder.resolve("nope.toml")));
        assertTrue(e.problems().get(0).startsWith("cannot read the file"));
    }

    @Test
    void rejectsUnknownKeysAsLikelyTypos() {
        assertProblem(
                THREE_NODES.replace("[cluster]", "[cluster]\nlease_periode_secs = 3"),
                "line 2: cluster.lease_periode_secs: is not a known setting");
    }

    @Test
    void requiresClusterIdAndNodeIdentity() {
        assertProblem(THREE_NODES.replace("id = \"ricky\"", ""), "cluster.id: is required");
        assertProblem(
                THREE_NODES.replace("client_port = 4002\n", ""),
                "nodes[2].client_port: is required");
        assertProblem(
                THREE_NODES.replace("home_dir = \"data/node_1\"\n", ""),
                "nodes[1].home_dir: is required");
    }

    @Test
    void rejectsDuplicateNamesAndListeners() {
        assertProblem(
                THREE_NODES.replace("name = \"node_2\"", "name = \"node_1\""),
                "nodes[2].name: 'node_1' is used by another node");
        assertProblem(
                THREE_NODES.replace("messaging_port = 4012", "messaging_port = 4000"),
                "127.0.0.1:4000 (node_2 messaging_port) is already used by node_0 client_port");
    }

    @Test
    void metricsPortIsOptionalPerNodeAndChecked() throws Exception {
        ClusterConfig config =
                load(
                        THREE_NODES.replace(
                                "client_port = 4001", "client_port = 4001\nmetrics_port = 9101"));
        assertEquals(OptionalInt.of(9101), config.node("node_1").orElseThrow().metricsPort());
        assertEquals(OptionalInt.empty(), config.node("node_0").orElseThrow().metricsPort());
        assertProblem(
                THREE_NODES.replace("client_port = 4001", "client_port = 4001\nmetrics_port = 0"),
                "nodes[1].metrics_port");
        assertProblem(
                THREE_NODES.replace(
                        "client_port = 4001", "client_port = 4001\nmetrics_port = 4011"),
                "127.0.0.1:4011 (node_1 metrics_port) is already used by node_1 messaging_port");
    }

    @Test
    void checksMasterModeAgainstVoters() {
        assertProblem(
                withCluster("master_mode = \"forced\""),
                "cluster.master: is required when master_mode = \"forced\"");
        assertProblem(
                withCluster("master = \"node_0\""),
                "cluster.master: is only allowed with master_mode = \"forced\"");
        assertProblem(
                withCluster("master_mode = \"forced\"\nmaster = \"node_9\""),
                "cluster.master: 'node_9' is not a node with role = \"voter\"");
        assertProblem(
                withCluster("master_mode = \"preferred\""),
                "cluster.preferred_masters: must name at least one node when master_mode = \"preferred\"");
        assertProblem(
                withCluster("preferred_masters = [\"node_0\"]"),
                "cluster.preferred_masters: is only allowed with master_mode = \"preferred\"");
        assertProblem(
                withCluster("master_mode = \"read_only\""),
                "cluster.master_mode: read_only needs exactly one voter, the file has 3");
        assertProblem(
                withCluster("master_mode = \"boss\""),
                "cluster.master_mode: 'boss' is not one of [elected, forced, preferred, read_only]");
    }

    @Test
    void checksLearners() throws Exception {
        String learner =
                THREE_NODES
                        + """

                        [[nodes]]
                        name = "learner_0"
                        addresses = ["127.0.0.1"]
                        client_port = 4003
                        messaging_port = 4013
                        home_dir = "data/learner_0"
                        role = "learner"
                        """;
        assertProblem(
                learner, "node 'learner_0': learn_from must name at least one voter for a learner");
        ClusterConfig config = load(learner + "learn_from = [\"node_0\"]\n");
        assertEquals(3, config.voters().size());
        assertEquals(List.of("node_0"), config.node("learner_0").orElseThrow().learnFrom());
        assertProblem(
                learner + "learn_from = [\"learner_0\"]\n",
                "node 'learner_0': learn_from names 'learner_0', which is not a voter");
    }

    @Test
    void checksCollapseAndWalLimits() {
        assertProblem(
                THREE_NODES + "\n[collapse]\nsegments_to_keep = 0\n",
                "collapse.segments_to_keep: 0 is not in 1..1000000");
        assertProblem(
                THREE_NODES + "\n[collapse]\nsegments_to_keep = 8\ntrigger_segments = 8\n",
                "collapse.trigger_segments: 8 must be greater than segments_to_keep (8)");
        assertProblem(
                THREE_NODES + "\n[wal]\nentries_per_segment = 0\n",
                "wal.entries_per_segment: 0 is not in 1..100000000");
        assertProblem(
                THREE_NODES + "\n[wal]\ncompressor = \"bz2\"\n",
                "wal.compressor: 'bz2' is not one of [none, zstd]");
    }

    @Test
    void readsClientLimitsAtTheirBoundsAndRefusesOnePast() throws Exception {
        ClientLimits defaults = load(THREE_NODES).clientLimits();
        assertEquals(800, defaults.connectionsMax());
        assertEquals(1_048_576, defaults.keyBytesMax());
        assertEquals(34_603_008, defaults.requestBytesMax());
        assertEquals(32, defaults.outstandingRequestsMax());
        assertFalse(defaults.closesIdleConnections());
        ClientLimits set =
                load(withCluster(
                                "max_connections = 1\nmax_key_size = 1\nmax_value_size = 1\n"
                                        + "max_request_size = 1025\n"
                                        + "max_outstanding_requests = 1024\n"
                                        + "client_idle_timeout_secs = 604800"))
                        .clientLimits();
        assertEquals(new ClientLimits(1, 1, 1025, 604_800_000L, 1024), set, "every bound accepted");
        assertProblem(withCluster("max_connections = 0"), "cluster.max_connections: 0 is not in");
        assertProblem(withCluster("max_key_size = 0"), "cluster.max_key_size: 0 is not in");
        assertProblem(
                withCluster("max_outstanding_requests = 1025"),
                "cluster.max_outstanding_requests: 1025 is not in 1..1024");
        assertProblem(
                withCluster("client_idle_timeout_secs = 604801"),
                "cluster.client_idle_timeout_secs: 604801 is not in 0..604800");
        assertProblem(
                withCluster("max_request_size = 34603009"),
                "cluster.max_request_size: 34603009 is not in 1024..34603008");
        assertProblem(
                withCluster("max_value_size = 2\nmax_request_size = 1025"),
                "line 4: cluster.max_request_size: 1025 is too small for a value of max_value_size"
                        + " (2): it must be at least 1026");
    }

    @Test
    void maxBufferSizeLiesBetweenAFullPaxosValueAndTheWireLimit() throws Exception {
        assertEquals(19_922_944, load(withCluster("max_buffer_size = 19922944")).frameBytesMax());
        assertEquals(33_554_432, load(withCluster("max_buffer_size = 33554432")).frameBytesMax());
        assertProblem(
                withCluster("max_buffer_size = 19922943"),
                "cluster.max_buffer_size: 19922943 is not in 19922944..33554432");
        assertProblem(
                withCluster("max_buffer_size = 33554433"),
                "cluster.max_buffer_size: 33554433 is not in 19922944..33554432");
    }

    @Test
    void tlsNeedsCertificateAndKeyOnEveryNode() {
        String tls = THREE_NODES.replace("[cluster]", "[tls]\nca_cert = \"ca.pem\"\n\n[cluster]");
        assertProblem(
                tls,
                "nodes[0]: tls_cert and tls_key are required on every node when [tls] is present");
        assertProblem(
                THREE_NODES.replace(
                        "home_dir = \"data/node_0\"",
                        "home_dir = \"data/node_0\"\ntls_cert = \"a.pem\""),
                "nodes[0].tls_key: tls_cert and tls_key go together");
    }

    @Test
    void wrongTypesAreReportedNotThrown() {
        assertProblem(
                THREE_NODES.replace("client_port = 4000", "client_port = \"4000\""),
                "nodes[0].client_port: must be a whole number");
        assertProblem(
                THREE_NODES.replace(
                        "addresses = [\"127.0.0.1\"]\nclient_port = 4000",
                        "addresses = \"127.0.0.1\"\nclient_port = 4000"),
                "nodes[0].addresses: must be an array of strings");
    }

    private String withCluster(String lines) {
        return THREE_NODES.replace("id = \"ricky\"", "id = \"ricky\"\n" + lines);
    }

    private void assertProblem(String toml, String expected) {
        List<String> problems = problems(toml);
        assertTrue(
                problems.stream().anyMatch(p -> p.contains(expected)),
                "expected a problem containing <" + expected + "> in " + problems);
    }

    private List<String> problems(String toml) {
        return assertThrows(ConfigException.class, () -> load(toml)).problems();
    }

    private ClusterConfig load(String toml) throws IOException, ConfigException {
        Path file = folder.resolve("cluster.toml");
        Files.writeString(file, toml, StandardCharsets.UTF_8);
        return ConfigLoader.load(file);
    }
}
