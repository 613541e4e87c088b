package io.rarakoon.bin;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ClientConfig;
import io.rarakoon.client.ClientContractTest;
import io.rarakoon.node.Node;
import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The client's whole contract suite (the same assertions that run against the client's fake
 * cluster) against a real 3-node rarakoon cluster in this JVM, on 127.0.0.1 ports picked free,
 * started once for the class. This is the check that the node serves Arakoon's protocol the way the
 * client expects.
 */
class RealClusterClientTest extends ClientContractTest {
    private final List<Node> nodes = new ArrayList<>();
    private Path folder;
    private ClusterConfig config;
    private String slave;

    @BeforeAll
    void startCluster() throws Exception {
        folder = Files.createTempDirectory("rarakoon-contract-");
        Path file =
                TestClusterFile.write(
                        folder, "[cluster]\nid = \"contract\"\nlease_period_millis = 1000\n", 3);
        config = ConfigLoader.load(file);
        for (NodeConfig node : config.nodes()) {
            nodes.add(Node.start(config, node.name()));
        }
        try (ArakoonClient client = ArakoonClient.create(clusterConfig().build())) {
            client.nop(); // waits, within the client's deadline, for the first master
            String master = client.whoMaster().orElseThrow();
            slave =
                    config.nodes().stream()
                            .map(NodeConfig::name)
                            .filter(n -> !n.equals(master))
                            .findFirst()
                            .orElseThrow();
        }
    }

    @AfterAll
    void stopCluster() throws IOException {
        nodes.forEach(Node::close);
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    protected ClientConfig.Builder clusterConfig() {
        ClientConfig.Builder builder =
                ClientConfig.builder(config.clusterId()).deadlineMillis(30_000);
        for (NodeConfig node : config.nodes()) {
            builder.node(node.name(), node.primaryAddress(), node.clientPort());
        }
        return builder;
    }

    @Override
    protected String slaveNodeName() {
        return slave;
    }
}
