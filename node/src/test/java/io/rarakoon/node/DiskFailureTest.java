package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.kv.Bytes;
import io.rarakoon.node.TestCluster.TestNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A failed fsync or a full disk on one node of three, on {@link TestCluster} (deterministic,
 * simulated time and network, MemoryDisks behind {@link FaultyDisk}): the node stops at the failed
 * persist without answering or reporting anything it did not make durable (the loop's error reaches
 * the test, as it would reach the node's uncaught-error handler, and the test then takes the node
 * down as the process would exit); the two others go on electing and committing; after a restart on
 * a healthy disk the node recovers what it had forced and catches up with every write it missed.
 */
class DiskFailureTest {
    private static final long SEED = 0xd15c;
    private static final int TASKS_MAX = 200_000;

    @Test
    void masterWhoseFsyncFailsStopsUnacknowledgedThenRejoins() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestNode master = cluster.awaitMaster();
        TestClient client = new TestClient(cluster, master.loop());
        assertInstanceOf(Response.Done.class, client.call(set("before", "1")));
        master.disk.failForce = true;

        IllegalStateException stop =
                assertThrows(IllegalStateException.class, () -> client.call(set("lost", "2")));
        assertTrue(stop.getMessage().contains("cannot persist"), stop.getMessage());
        master.crash();
        master.disk.failForce = false;

        continueWithoutAndRestart(cluster, master);
        // The master's Accept leaves before its own fsync, so the followers may have chosen the
        // unacknowledged write without it: its outcome is unknown, but every node agrees on it.
        Optional<Bytes> lost = master.loop().storage().store().get(Bytes.utf8("lost"));
        for (TestNode node : cluster.nodes) {
            assertEquals(
                    lost, node.loop().storage().store().get(Bytes.utf8("lost")), node.id.name());
        }
    }

    @Test
    void slaveWithAFullDiskStopsWithoutAcceptingThenRejoins() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestNode master = cluster.awaitMaster();
        TestNode slave = cluster.nodes.stream().filter(n -> n != master).findFirst().orElseThrow();
        TestClient client = new TestClient(cluster, master.loop());
        assertInstanceOf(Response.Done.class, client.call(set("before", "1")));
        long durableBefore = slave.loop().storage().wal().durableIndex();
        slave.disk.full = true;

        IllegalStateException stop =
                assertThrows(IllegalStateException.class, () -> client.call(set("during", "2")));
        assertTrue(stop.getMessage().contains(slave.id + " cannot persist"), stop.getMessage());
        assertEquals(durableBefore, slave.loop().storage().wal().durableIndex());
        slave.crash();
        slave.disk.full = false;

        continueWithoutAndRestart(cluster, slave);
        assertEquals(
                Optional.of(Bytes.utf8("2")),
                slave.loop().storage().store().get(Bytes.utf8("during")),
                "the write the slave failed to persist reached it by catch-up");
    }

    /**
     * With {@code down} stopped, the two others elect a master and commit a write; then {@code
     * down} restarts and must reach their applied index and hold that write.
     */
    private static void continueWithoutAndRestart(TestCluster cluster, TestNode down) {
        TestNode master = cluster.awaitMaster();
        assertTrue(master != down, "a live node is master");
        TestClient client = new TestClient(cluster, master.loop());
        assertInstanceOf(Response.Done.class, client.call(set("after", "3")));
        long written = master.loop().storage().store().nextIndex() - 1;

        down.start();
        boolean aligned =
                cluster.time.runUntil(
                        () ->
                                cluster.nodes.stream()
                                        .allMatch(n -> n.state().appliedIndex() >= written),
                        TASKS_MAX);
        assertTrue(aligned, "the restarted node reaches applied index " + written);
        assertEquals(
                Optional.of(Bytes.utf8("3")),
                down.loop().storage().store().get(Bytes.utf8("after")));
        assertEquals(
                Optional.of(Bytes.utf8("1")),
                down.loop().storage().store().get(Bytes.utf8("before")));
    }

    private static Request set(String key, String value) {
        return new Request.Set(ByteString.utf8(key), ByteString.utf8(value));
    }
}
