package io.rarakoon.client;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two fake nodes sharing one store: {@code node_0} (master at start) and {@code node_1}. The client
 * configuration lists node_1 first, so every client has to follow WHO_MASTER to reach the master.
 * Close it to stop both servers.
 */
final class FakeCluster implements AutoCloseable {
    static final String CLUSTER_ID = "arakoon";

    private final AtomicReference<Optional<String>> master =
            new AtomicReference<>(Optional.of("node_0"));
    private final FakeStore store = new FakeStore();
    private final FakeArakoonServer node0;
    private final FakeArakoonServer node1;

    FakeCluster() throws IOException {
        node0 = new FakeArakoonServer("node_0", CLUSTER_ID, store, master::get);
        node1 = new FakeArakoonServer("node_1", CLUSTER_ID, store, master::get);
    }

    FakeArakoonServer node(String name) {
        return name.equals("node_0") ? node0 : node1;
    }

    List<FakeArakoonServer> nodes() {
        return List.of(node0, node1);
    }

    void setMaster(Optional<String> name) {
        master.set(name);
    }

    /** A configuration for this cluster, node_1 first, dirty reads on node_1. */
    ClientConfig.Builder config(Time time) {
        return ClientConfig.builder(CLUSTER_ID)
                .node("node_1", "127.0.0.1", node1.port())
                .node("node_0", "127.0.0.1", node0.port())
                .dirtyReadNode("node_1")
                .requestTimeoutMillis(5_000)
                .deadlineMillis(10_000)
                .backoffMillisMin(10)
                .time(time);
    }

    @Override
    public void close() throws IOException {
        node0.close();
        node1.close();
    }
}
