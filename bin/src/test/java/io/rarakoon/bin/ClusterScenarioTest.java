package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arakoon's operational scenarios (spec §6 #12 to #21) against the in-JVM 3-node cluster. */
class ClusterScenarioTest {

    // spec §6 #13: Arakoon's test_who_master / test_nop: with an election some member is master
    // and ten nops succeed.
    @Test
    void anElectedMasterIsAMemberAndTenNopsSucceed(@TempDir Path dir) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir)) {
            // a write waits (client deadline) for the election; who-master alone does not
            assertEquals(0, cluster.client("set", "k", "v").code());
            LocalCluster.Result master = cluster.client("who-master");
            assertEquals(0, master.code(), master.err());
            assertTrue(master.out().matches("node_[012]\\s*"), master.out());
            for (int i = 0; i < 10; i++) {
                assertEquals(0, cluster.client("nop").code());
            }
        }
    }

    // spec §6 #17: Arakoon's test_get_key_count: key count on the master is 0, then 100 after
    // 100 sets.
    @Test
    void keyCountMovesFromZeroToAHundred(@TempDir Path dir) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir)) {
            assertEquals("0\n", cluster.client("key-count").out());
            for (int i = 0; i < 100; i++) {
                assertEquals(0, cluster.client("set", "key_" + i, "v" + i).code());
            }
            assertEquals("100\n", cluster.client("key-count").out());
        }
    }

    // spec §6 #21: Arakoon's test_statistics: the statistics call answers after traffic.
    @Test
    void statisticsAnswerAfterTraffic(@TempDir Path dir) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir)) {
            cluster.client("set", "k", "v");
            cluster.client("get", "k");
            LocalCluster.Result stats = cluster.client("statistics");
            assertEquals(0, stats.code(), stats.err());
            assertTrue(!stats.out().isBlank());
        }
    }
}
