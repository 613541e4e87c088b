package io.rarakoon.client;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the client contract against the in-memory fake cluster (two fake nodes on 127.0.0.1,
 * ephemeral ports, one shared TreeMap); started once for the class and stopped after it.
 */
class FakeClusterClientTest extends ClientContractTest {
    private FakeCluster cluster;

    @BeforeAll
    void startCluster() throws IOException {
        cluster = new FakeCluster();
    }

    @AfterAll
    void stopCluster() throws IOException {
        cluster.close();
    }

    @Override
    protected ClientConfig.Builder clusterConfig() {
        return cluster.config(new FakeTime());
    }

    @Override
    protected String slaveNodeName() {
        return "node_1";
    }
}
