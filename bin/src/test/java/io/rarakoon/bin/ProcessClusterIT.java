package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.bin.ops.ProcessCluster;
import io.rarakoon.bin.ops.WriteLoad;
import io.rarakoon.client.ArakoonClient;
import java.util.Locale;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * The product as operators run it: three node JVMs started from the built jar ({@code java -jar
 * rarakoon.jar --config F --node N}) on 127.0.0.1 ports picked free, with a short lease, through
 * {@link ProcessCluster}. Four concurrent clients write 10,000 distinct keys and record each write
 * as acknowledged or of unknown outcome ({@link WriteLoad}); once half are acknowledged the master
 * is killed with SIGKILL. Checked: a new master within two leases (the one timing assertion, which
 * issue 6 asks for, measured with a bounded who_master loop); every acknowledged write is readable
 * with its value, and every write of unknown outcome is there with its value or absent; the killed
 * node restarts and catches up; SIGTERM stops every node with exit code 0; after a restart of all
 * three, every node's store (read dirty on that node, At_least the stamp of a fresh nop) is
 * identical to what the cluster held before.
 *
 * <p>Runs in failsafe after {@code package} (the jar's path comes in the {@code rarakoon.jar}
 * property). Node output and data stay in {@code target/ops-process-cluster-*} for a post-mortem.
 */
class ProcessClusterIT {
    private static final int WRITERS = 4;
    private static final int KEYS_PER_WRITER = 2_500;
    private static final int KEYS_TOTAL = WRITERS * KEYS_PER_WRITER;

    @Test
    void survivesKillingTheMasterAndRestartsIntoIdenticalStores() throws Exception {
        try (ProcessCluster cluster = ProcessCluster.builder("process-cluster", 3).build()) {
            cluster.startAll();
            SortedMap<String, String> stored;
            try (ArakoonClient observer = cluster.observer();
                    ArakoonClient client = cluster.client()) {
                cluster.awaitMaster(observer, name -> true);
                String killed = writeAndKillTheMaster(cluster, observer, client);
                stored = ProcessCluster.readAll(client);
                cluster.start(killed);
                cluster.awaitCaughtUp(killed, client);
            }
            stopAll(cluster);

            cluster.startAll();
            // a new client: the old one's connections went with the nodes it talked to
            try (ArakoonClient client = cluster.client()) {
                client.nop(); // waits, within the client's deadline, for a master
                for (String node : cluster.nodes()) {
                    assertEquals(stored, cluster.awaitCaughtUp(node, client), node + "'s store");
                }
            }
            stopAll(cluster);
        }
    }

    private static void stopAll(ProcessCluster cluster) {
        for (String node : cluster.nodes()) {
            assertEquals(0, cluster.stop(node), node + " exit code after SIGTERM");
        }
    }

    /**
     * Runs the writers, kills the master once half the keys are acknowledged, checks that a new
     * master follows within two leases and that the stores hold what the writers were told.
     *
     * @return the name of the killed node
     */
    private static String writeAndKillTheMaster(
            ProcessCluster cluster, ArakoonClient observer, ArakoonClient client) {
        String master;
        try (WriteLoad load = WriteLoad.start(cluster, "key", WRITERS, KEYS_PER_WRITER)) {
            load.awaitAcknowledged(KEYS_TOTAL / 2);
            master = cluster.awaitMaster(observer, name -> true);
            long killedAtNanos = System.nanoTime();
            cluster.kill(master);
            String dead = master;
            String next = cluster.awaitMaster(observer, name -> !name.equals(dead));
            long failoverMillis = (System.nanoTime() - killedAtNanos) / 1_000_000;
            long bound = 2 * cluster.leaseMillis();
            assertTrue(
                    failoverMillis <= bound,
                    next + " became master " + failoverMillis + " ms after " + master + " died");
            System.out.printf(
                    Locale.ROOT,
                    "killed master %s; %s master after %d ms (bound %d ms)%n",
                    master,
                    next,
                    failoverMillis,
                    bound);
            load.finish();
            assertEquals(KEYS_TOTAL, load.acknowledged().size() + load.unknown().size());
            System.out.printf(
                    Locale.ROOT,
                    "%d writes acknowledged, %d of unknown outcome; logs and data in %s%n",
                    load.acknowledged().size(),
                    load.unknown().size(),
                    cluster.folder());
            load.checkStore(ProcessCluster.readAll(client), "key");
        }
        return master;
    }
}
