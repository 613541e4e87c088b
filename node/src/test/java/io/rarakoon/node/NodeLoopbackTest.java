package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ClientConfig;
import io.rarakoon.client.protocol.ByteString;
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
        List<NettyTransport> peers = new ArrayList<>();
        List<NettyTransport> clients = new ArrayList<>();
        List<NodeConfig> nodes = new ArrayList<>();
        WalConfig wal = new WalConfig(1_000, true, true, Compressor.ZSTD);
        for (int i = 0; i < 3; i++) {
            peers.add(NettyTransport.bind(HOST, 0, 1));
            clients.add(NettyTransport.bind(HOST, 0, 1));
            nodes.add(node("n" + i, clients.get(i).localPort(), peers.get(i).localPort(), wal));
        }
        ClusterConfig config = cluster(nodes, wal);
        List<Node> running = new ArrayList<>();
        ClientConfig.Builder clientConfig = ClientConfig.builder(CLUSTER_ID).deadlineMillis(30_000);
        try {
            for (int i = 0; i < 3; i++) {
                running.add(Node.start(config, nodes.get(i), peers.get(i), clients.get(i)));
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

    private NodeConfig node(String name, int clientPort, int messagingPort, WalConfig wal) {
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
                0);
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
