package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ClientConfig;
import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.NamedValue;
import io.rarakoon.messenger.netty.EventLoops;
import io.rarakoon.messenger.netty.NettyTransport;
import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.CollapseConfig;
import io.rarakoon.node.config.Compressor;
import io.rarakoon.node.config.LoggingConfig;
import io.rarakoon.node.config.MasterMode;
import io.rarakoon.node.config.NodeConfig;
import io.rarakoon.node.config.NodeRole;
import io.rarakoon.node.config.WalConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three production nodes in this JVM on 127.0.0.1 (NioDisk, Netty, real threads and clock), their
 * ports bound to ephemeral ports before the cluster file is built; the Java client writes and reads
 * through whichever node is master, then the master stops cleanly and the two others elect a new
 * one that still serves every acknowledged write. Bounded by the client's deadline; the nodes are
 * closed by the test.
 */
class NodeLoopbackTest {
    private static final String CLUSTER_ID = "loopback";
    private static final String HOST = "127.0.0.1";

    @TempDir Path home;

    @Test
    void clientWritesAndReadsThroughTheMasterAndSurvivesItsStop() throws IOException {
        List<EventLoops> loops = new ArrayList<>();
        List<NettyTransport> peers = new ArrayList<>();
        List<NettyTransport> clients = new ArrayList<>();
        List<NodeConfig> nodes = new ArrayList<>();
        WalConfig wal = new WalConfig(1_000, true, true, Compressor.ZSTD);
        for (int i = 0; i < 3; i++) {
            loops.add(EventLoops.start("n" + i + "-loop", 1));
            peers.add(NettyTransport.bind(HOST, 0, loops.get(i), Optional.empty()));
            clients.add(NettyTransport.bind(HOST, 0, loops.get(i), Optional.empty()));
            nodes.add(
                    node(
                            "n" + i,
                            clients.get(i).localPort(),
                            peers.get(i).localPort(),
                            wal,
                            OptionalInt.empty()));
        }
        ClusterConfig config = cluster(nodes, wal);
        List<Node> running = new ArrayList<>();
        ClientConfig.Builder clientConfig = ClientConfig.builder(CLUSTER_ID).deadlineMillis(30_000);
        try {
            for (int i = 0; i < 3; i++) {
                running.add(
                        Node.start(
                                config, nodes.get(i), loops.get(i), peers.get(i), clients.get(i)));
                clientConfig.node("n" + i, HOST, running.get(i).clientPort());
            }
            try (ArakoonClient client = ArakoonClient.create(clientConfig.build())) {
                for (int i = 0; i < 20; i++) {
                    client.set(ByteString.utf8("k" + i), ByteString.utf8("v" + i));
                }
                assertEquals(ByteString.utf8("v19"), client.get(ByteString.utf8("k19")));
                String master = client.whoMaster().orElseThrow();
                running.get(Integer.parseInt(master.substring(1))).close();
                // Reads first: a write on the connection the stopped master closed would have an
                // unknown outcome, which the client rightly reports instead of retrying.
                for (int i = 0; i < 20; i++) {
                    ByteString key = ByteString.utf8("k" + i);
                    assertEquals(ByteString.utf8("v" + i), client.get(key));
                }
                String next = client.whoMaster().orElseThrow();
                assertTrue(!next.equals(master), "a new master after " + master + " stopped");
                client.set(ByteString.utf8("after"), ByteString.utf8("failover"));
            }
        } finally {
            running.forEach(Node::close);
        }
    }

    @Test
    void metricsEndpointReportsTheTrafficItServed() throws IOException, InterruptedException {
        WalConfig wal = new WalConfig(1_000, true, true, Compressor.ZSTD);
        EventLoops loops = EventLoops.start("n0-loop", 1);
        NettyTransport peer = NettyTransport.bind(HOST, 0, loops, Optional.empty());
        NettyTransport client = NettyTransport.bind(HOST, 0, loops, Optional.empty());
        NodeConfig node = node("n0", client.localPort(), peer.localPort(), wal, OptionalInt.of(0));
        try (Node running = Node.start(cluster(List.of(node), wal), node, loops, peer, client);
                ArakoonClient arakoon =
                        ArakoonClient.create(
                                ClientConfig.builder(CLUSTER_ID)
                                        .deadlineMillis(30_000)
                                        .node("n0", HOST, running.clientPort())
                                        .build())) {
            for (int i = 0; i < 10; i++) {
                arakoon.set(ByteString.utf8("k" + i), ByteString.utf8("v" + i));
            }
            assertEquals(ByteString.utf8("v3"), arakoon.get(ByteString.utf8("k3")));
            NamedValue statistics = arakoon.statistics();
            Metrics metrics = Metrics.scrape(HOST, running.metricsPort().orElseThrow());

            assertEquals(1, metrics.value("rarakoon_role{role=\"master\"}"));
            assertEquals(0, metrics.value("rarakoon_role{role=\"slave\"}"));
            assertEquals(
                    10,
                    metrics.value("rarakoon_client_requests_total{command=\"set\",result=\"ok\"}"));
            assertEquals(
                    1,
                    metrics.value("rarakoon_client_requests_total{command=\"get\",result=\"ok\"}"));
            assertEquals(
                    1,
                    metrics.value(
                            "rarakoon_client_requests_total{command=\"statistics\",result=\"ok\"}"));
            assertEquals(10, metrics.value("rarakoon_commit_latency_seconds_count"));
            assertTrue(metrics.value("rarakoon_applied_index") >= 10);
            assertTrue(
                    metrics.value("rarakoon_log_index") >= metrics.value("rarakoon_applied_index"));
            assertTrue(metrics.value("rarakoon_term") >= 0);
            assertTrue(metrics.value("rarakoon_fsync_latency_seconds_count") >= 10);
            assertTrue(metrics.value("rarakoon_client_connections") >= 1);
            assertEquals(0, metrics.value("rarakoon_catchup_running"));
            metrics.checkHistogram("rarakoon_commit_latency_seconds");
            metrics.checkHistogram("rarakoon_fsync_latency_seconds");
            // STATISTICS reads the same counters: it was answered before the scrape.
            assertTrue(
                    Metrics.member(statistics, "fsyncs") <= metrics.value("rarakoon_fsyncs_total"));
            assertTrue(Metrics.member(statistics, "fsyncs") >= 10);
            assertTrue(Metrics.member(statistics, "client_connections") >= 1);
            assertEquals(404, Metrics.status(HOST, running.metricsPort().orElseThrow(), "/other"));
        }
    }

    private NodeConfig node(
            String name,
            int clientPort,
            int messagingPort,
            WalConfig wal,
            OptionalInt metricsPort) {
        Path dir = home.resolve(name);
        return new NodeConfig(
                name,
                List.of(HOST),
                clientPort,
                messagingPort,
                dir,
                dir,
                dir,
                dir,
                dir,
                NodeRole.VOTER,
                List.of(),
                wal,
                "info",
                Optional.empty(),
                Optional.empty(),
                0,
                0,
                metricsPort);
    }

    private static ClusterConfig cluster(List<NodeConfig> nodes, WalConfig wal) {
        return new ClusterConfig(
                CLUSTER_ID,
                MasterMode.ELECTED,
                Optional.empty(),
                List.of(),
                1_000,
                OptionalInt.empty(),
                1_000,
                io.rarakoon.kv.Limits.VALUE_BYTES_MAX_DEFAULT,
                32 * 1024 * 1024,
                List.of(),
                wal,
                new CollapseConfig(false, 10, 2, 0, 0),
                Optional.empty(),
                new LoggingConfig("info", 300, Map.of()),
                nodes,
                Limits.clientDefaults());
    }
}
