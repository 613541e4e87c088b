package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.node.TestCluster.TestNode;
import io.rarakoon.wal.CollapseProgress;
import io.rarakoon.wal.Wal;
import io.rarakoon.wire.SnapshotChunk;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Catch-up through the head snapshot on {@link TestCluster} (MemoryDisk, byte-level fake network,
 * manual clock): the two live nodes collapse their logs past index 0, a third node is wiped and
 * must rejoin by installing a peer's head, pulling the entries after it and ending with an equal
 * store digest; also when it loses power (tearing unforced writes) right after the install, and
 * when the snapshots it receives have a corrupted chunk (refused, nothing installed) until a clean
 * transfer succeeds.
 */
class CatchupSnapshotTest {
    private static final long SEED = 0x5eed0062L;
    private static final int WRITES = 6 * TestCluster.ENTRIES_PER_SEGMENT;

    @Test
    void wipedNodeRejoinsFromAPeersHeadSnapshot() throws Exception {
        TestCluster cluster = new TestCluster(3, SEED);
        TestNode wiped = collapsedClusterWithAWipedNode(cluster);
        wiped.start();
        awaitEqualDigests(cluster, wiped);
        assertTrue(wiped.loop().storage().wal().headIndex() > 0, "the head was installed");
    }

    @Test
    void nodeThatCrashesRightAfterInstallingTheHeadRecoversAndRejoins() throws Exception {
        TestCluster cluster = new TestCluster(3, SEED);
        TestNode wiped = collapsedClusterWithAWipedNode(cluster);
        wiped.start();
        boolean installed =
                cluster.time.runUntil(
                        () -> wiped.loop().storage().wal().headIndex() != Wal.NO_INDEX, 200_000);
        assertTrue(installed, "the wiped node installs a head");
        long head = wiped.loop().storage().wal().headIndex();
        wiped.crash(new SplittableRandom(SEED));
        wiped.start();
        assertEquals(head, wiped.loop().storage().wal().headIndex(), "the head is durable");
        assertTrue(wiped.loop().storage().store().appliedIndex().orElse(-1) >= head);
        awaitEqualDigests(cluster, wiped);
    }

    @Test
    void corruptSnapshotChunksAreRefusedAndACleanTransferSucceeds() throws Exception {
        TestCluster cluster = new TestCluster(3, SEED);
        TestNode wiped = collapsedClusterWithAWipedNode(cluster);
        int[] corrupted = new int[1];
        cluster.tamper =
                message -> {
                    if (message instanceof SnapshotChunk chunk) {
                        corrupted[0]++;
                        byte[] bytes = chunk.bytes().clone();
                        bytes[bytes.length / 2] ^= 0x40;
                        return new SnapshotChunk(chunk.offsetBytes(), bytes, chunk.last());
                    }
                    return message;
                };
        wiped.start();
        cluster.time.runFor(2 * TestCluster.LEASE_MILLIS);
        assertTrue(corrupted[0] > 0, "snapshot chunks were sent");
        assertEquals(
                Wal.NO_INDEX,
                wiped.loop().storage().wal().headIndex(),
                "nothing is installed from a corrupt snapshot");
        assertEquals(0, wiped.loop().storage().store().keyCount());
        cluster.tamper = message -> message;
        awaitEqualDigests(cluster, wiped);
    }

    /** Writes, collapses both live nodes' logs past index 0, wipes the third node (stopped). */
    private static TestNode collapsedClusterWithAWipedNode(TestCluster cluster) throws Exception {
        cluster.startAll();
        TestNode master = cluster.awaitMaster();
        TestClient client = new TestClient(cluster, master.loop());
        for (int i = 0; i < WRITES; i++) {
            client.call(set("k" + i, "v" + i));
        }
        List<TestNode> others = cluster.nodes.stream().filter(n -> n != master).toList();
        TestNode wiped = others.get(0);
        wiped.wipe();
        for (TestNode live : List.of(master, others.get(1))) {
            Wal wal = live.loop().storage().wal();
            live.loop().storage().collapser(1, 2).collapse(1, CollapseProgress.IGNORE);
            assertTrue(wal.firstIndex() > 0, live.id + " collapsed past index 0");
        }
        client.call(set("after", "collapse"));
        return wiped;
    }

    private static void awaitEqualDigests(TestCluster cluster, TestNode wiped) {
        TestNode master = cluster.awaitMaster();
        long written = master.loop().storage().store().nextIndex() - 1;
        boolean aligned =
                cluster.time.runUntil(
                        () ->
                                wiped.isUp()
                                        && wiped.loop().storage().store().appliedIndex().orElse(-1)
                                                >= written,
                        400_000);
        assertTrue(aligned, "the wiped node reaches the master's applied index " + written);
        assertEquals(
                master.loop().storage().store().digest(), wiped.loop().storage().store().digest());
    }

    private static Request set(String key, String value) {
        return new Request.Set(ByteString.utf8(key), ByteString.utf8(value));
    }
}
