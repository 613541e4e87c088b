package io.rarakoon.bin.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rarakoon.client.ArakoonClient;
import java.util.Locale;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Long suite (run with {@code -Pops-long}): a node cut off from its peers, approximated by freezing
 * its process (SIGSTOP, later SIGCONT), since this machine has no iptables and node processes on
 * 127.0.0.1 cannot be split by network namespaces. Spec §6 #34 (a slave blocked 10 times during
 * writes, then caught up) and #48 (a frozen slave catches up while the others collapse). A frozen
 * node keeps its sockets open but answers nothing, as a node behind a firewall that drops packets.
 * Data and logs stay in {@code bin/target/ops-frozen-*}.
 */
@LongSuite
class FrozenNodeIT {

    // spec §6 #34 and #48: a slave frozen five times during writes (and once while the others
    // collapse) catches up to an identical store; no acknowledged write is lost. A thawed slave
    // may start an election and cost the writers a few writes of unknown outcome
    // (NO_LONGER_MASTER), which the test prints.
    @Test
    void aSlaveFrozenDuringWritesCatchesUp() throws Exception {
        try (ProcessCluster cluster =
                        ProcessCluster.builder("frozen", 3)
                                .sections("[wal]\nentries_per_segment = 500\n")
                                .build();
                ArakoonClient observer = cluster.observer();
                ArakoonClient client = cluster.client()) {
            cluster.startAll();
            String master = cluster.awaitMaster(observer, name -> true);
            String slave = cluster.anotherThan(master);
            try (WriteLoad load = WriteLoad.start(cluster, "w", 4, 1_000_000)) {
                for (int round = 1; round <= 5; round++) {
                    cluster.signal(slave, "STOP");
                    load.awaitAcknowledged(round * 400);
                    cluster.signal(slave, "CONT");
                    load.awaitAcknowledged(round * 400 + 100);
                }
                cluster.signal(slave, "STOP");
                load.awaitAcknowledged(load.acknowledgedCount() + 1_500);
                for (String node : cluster.nodes()) {
                    if (!node.equals(slave)) {
                        assertEquals(0, cluster.admin(node, "collapse", "--keep", "1").exitCode());
                    }
                }
                cluster.signal(slave, "CONT");
                load.stop();
                load.finish();
                SortedMap<String, String> stored = ProcessCluster.readAll(client);
                load.checkStore(stored, "w");
                System.out.printf(
                        Locale.ROOT,
                        "frozen slave: %d writes acknowledged, %d of unknown outcome: %s%n",
                        load.acknowledged().size(),
                        load.unknown().size(),
                        load.errors());
            }
            SortedMap<String, String> expected = ProcessCluster.readAll(client);
            assertEquals(expected, cluster.awaitCaughtUp(slave, client), slave + "'s store");
        }
    }
}
