package io.rarakoon.bin.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.NoLongerMasterException;
import io.rarakoon.client.protocol.ByteString;
import java.util.Locale;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * A node cut off from its peers by blocking its messaging ports (spec §6 #34, #35), with node
 * processes whose node-to-node streams run through a {@link PortBlocker}: the cut stalls every
 * stream into and out of the node, as an iptables DROP rule does, while its client port stays
 * reachable. Data and logs stay in {@code bin/target/ops-blocked-*}.
 */
class BlockedPortsIT {

    // spec §6 #35: Arakoon's test_block_master_ports: with the master's messaging ports blocked,
    // a write sent to it fails; the other two elect a new master; the isolated node reports no
    // master; after unblocking, writes work and every store ends identical.
    @Test
    void aMasterCutOffItsPeersLosesTheRoleAndRejoinsAfterTheCut() throws Exception {
        try (ProcessCluster cluster =
                        ProcessCluster.builder("blocked-master", 3).blockablePorts().build();
                ArakoonClient observer = cluster.observer();
                ArakoonClient client = cluster.client()) {
            cluster.startAll();
            String master = cluster.awaitMaster(observer, name -> true);
            SortedMap<String, String> before = WriteLoad.fill(cluster, "before", 100);

            long cutAt = System.nanoTime();
            cluster.block(master);
            try (ArakoonClient isolated = cluster.observerOf(master)) {
                assertThrows(
                        RuntimeException.class,
                        () -> isolated.set(ByteString.utf8("during"), ByteString.utf8("cut")),
                        "a write acknowledged by a master cut off its peers");
                String successor = cluster.awaitMaster(observer, name -> !name.equals(master));
                double electedAfterLeases =
                        (System.nanoTime() - cutAt) / 1e6 / cluster.leaseMillis();
                cluster.awaitTrue(
                        master + " reports no master", () -> isolated.whoMaster().isEmpty());
                System.out.printf(
                        Locale.ROOT,
                        "blocked master %s: %s master %.2f leases after the cut%n",
                        master,
                        successor,
                        electedAfterLeases);
            }

            cluster.unblock(master);
            client.set(ByteString.utf8("after"), ByteString.utf8("cut"));
            SortedMap<String, String> expected = ProcessCluster.readAll(client);
            assertEquals(null, expected.get("during"), "the write sent to the cut-off master");
            assertTrue(expected.entrySet().containsAll(before.entrySet()), "writes before the cut");
            for (String node : cluster.nodes()) {
                assertEquals(expected, cluster.awaitCaughtUp(node, client), node + "'s store");
            }
        }
    }

    // spec §6 #34: Arakoon's test_block_single_slave_ports_loop, with four writers: a slave's
    // ports are blocked ten times during at least 10,000 writes, each time for two leases (so that
    // it gives up on the master and runs for the role alone) and 900 writes, and after each cut it
    // catches up to the master's stamp; no acknowledged write is lost and the slave ends with an
    // identical store. A slave that ran for the role while
    // cut off may make the master step down and take the role again when the cut ends, which
    // costs the writers a few writes of unknown outcome; the test prints them.
    @Test
    @LongSuite
    void aSlaveCutOffTenTimesDuringWritesCatchesUp() throws Exception {
        try (ProcessCluster cluster =
                        ProcessCluster.builder("blocked-slave", 3)
                                .blockablePorts()
                                .sections("[wal]\nentries_per_segment = 1000\n")
                                .build();
                ArakoonClient observer = cluster.observer();
                ArakoonClient client = cluster.client()) {
            cluster.startAll();
            String master = cluster.awaitMaster(observer, name -> true);
            String slave = cluster.anotherThan(master);
            try (WriteLoad load = WriteLoad.start(cluster, "w", 4, 1_000_000)) {
                for (int round = 1; round <= 10; round++) {
                    long cutUntil = System.nanoTime() + 2_000_000 * cluster.leaseMillis();
                    cluster.block(slave);
                    load.awaitAcknowledged(round * 900);
                    cluster.awaitTrue("two leases of cut", () -> System.nanoTime() > cutUntil);
                    cluster.unblock(slave);
                    cluster.awaitApplied(slave, stampAfterNop(cluster, client));
                }
                load.awaitAcknowledged(10_000);
                load.stop();
                load.finish();
                SortedMap<String, String> stored = ProcessCluster.readAll(client);
                load.checkStore(stored, "w");
                System.out.printf(
                        Locale.ROOT,
                        "blocked slave %s: %d writes acknowledged, %d of unknown outcome: %s%n",
                        slave,
                        load.acknowledged().size(),
                        load.unknown().size(),
                        load.errors());
            }
            SortedMap<String, String> expected = ProcessCluster.readAll(client);
            assertEquals(expected, cluster.awaitCaughtUp(slave, client), slave + "'s store");
        }
    }

    /**
     * The master's stamp after a nop. A slave cut off for two leases runs for the role; when the
     * cut ends the master may step down and take the role again, answering the nop in flight
     * NO_LONGER_MASTER; a nop may be repeated.
     */
    private static long stampAfterNop(ProcessCluster cluster, ArakoonClient client) {
        cluster.awaitTrue(
                "a nop acknowledged",
                () -> {
                    try {
                        client.nop();
                        return true;
                    } catch (NoLongerMasterException steppedDown) {
                        return false;
                    }
                });
        return client.getTxid();
    }
}
