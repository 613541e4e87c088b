package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ArakoonException;
import io.rarakoon.client.InconsistentReadException;
import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.Entry;
import io.rarakoon.kv.KeyValue;
import io.rarakoon.kv.KvStore;
import io.rarakoon.kv.Limits;
import io.rarakoon.kv.UserFunctionRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arakoon's operational scenarios (spec §6 #12 to #21, pylabs/test/server/quick/
 * system_tests_basic.py) against nodes in this JVM on 127.0.0.1 ports picked free, with a 1 s lease
 * ({@link LocalCluster}). Every wait is the client's own deadline. SIGTERM (#18) and IPv6 (#20)
 * need node processes and are process-level tests (docs/operations.md lists them).
 */
class ClusterScenarioTest {
    private static final List<String> NODES = List.of("node_0", "node_1", "node_2");

    /** Generous: lease renewals come every half lease (500 ms), the machine may be loaded. */
    private static final long FRESH_WAIT_MILLIS = 30_000;

    private static final long FRESH_PAUSE_MILLIS = 20;

    // spec §6 #12: Arakoon's test_drop_master_singleton: drop-master on a single-node cluster
    // fails with E_NOT_SUPPORTED (rc 0x20).
    @Test
    void dropMasterOnASingleNodeIsNotSupported(@TempDir Path dir) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir, 1, "")) {
            assertEquals(0, cluster.client("set", "k", "v").code()); // waits for the master
            LocalCluster.Result drop = cluster.admin("node_0", "drop-master");
            assertEquals(ExitCodes.FAILED, drop.code());
            assertTrue(drop.err().startsWith("E_NOT_SUPPORTED"), drop.err());
            assertEquals("v\n", cluster.client("get", "k").out());
        }
    }

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

    // spec §6 #13: Arakoon's test_who_master with a forced master, test_get_version and
    // test_current_state: node_0 is master, and every node answers its version and state.
    @Test
    void aForcedMasterIsNodeZeroAndEveryNodeAnswersVersionAndState(@TempDir Path dir)
            throws Exception {
        String forced = "master_mode = \"forced\"\nmaster = \"node_0\"\n";
        try (LocalCluster cluster = LocalCluster.start(dir, 3, forced)) {
            ArakoonClient client = cluster.client(Optional.empty());
            client.nop();
            assertEquals(Optional.of("node_0"), client.whoMaster());
            for (String node : NODES) {
                assertTrue(client.version(node).major() >= 0, node);
                String state = client.currentState(node);
                assertTrue(!state.isBlank(), node);
            }
            assertTrue(client.currentState("node_0").contains("master"));
        }
    }

    // spec §6 #14: Arakoon's test_consistency: a read At_least the txid of one's own write works
    // on every node, slaves included; a read At_least 1000 fails (the store is not that fresh).
    @Test
    void atLeastReadsSeeOwnWritesOnEveryNodeAndRefuseAFutureStamp(@TempDir Path dir)
            throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir)) {
            ArakoonClient writer = cluster.client(Optional.empty());
            writer.set(utf8("k"), utf8("v"));
            long txid = writer.getTxid();
            for (String node : NODES) {
                ArakoonClient reader =
                        cluster.client(Optional.of(node))
                                .withConsistency(Consistency.atLeast(txid));
                assertEquals(utf8("v"), whenFresh(() -> reader.get(utf8("k"))), node);
            }
            ArakoonClient future =
                    cluster.client(Optional.of("node_0"))
                            .withConsistency(Consistency.atLeast(txid + 1000));
            assertThrows(InconsistentReadException.class, () -> future.get(utf8("k")));
        }
    }

    // spec §6 #15: Arakoon's test_restart_single_slave_short*: a slave is stopped and started
    // twice during 100 set/get/delete; afterwards every node holds the same keys and values.
    @Test
    void aSlaveRestartedTwiceDuringTrafficEndsWithTheSameStore(@TempDir Path dir) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir)) {
            ArakoonClient client = cluster.client(Optional.empty());
            client.nop();
            String slave = slaveOf(client.whoMaster().orElseThrow());
            for (int i = 0; i < 100; i++) {
                if (i == 20 || i == 60) {
                    cluster.stop(slave);
                } else if (i == 40 || i == 80) {
                    cluster.start(slave);
                }
                ByteString key = utf8("key_" + i);
                client.set(key, utf8("value_" + i));
                assertEquals(utf8("value_" + i), client.get(key));
                if (i % 2 == 0) {
                    client.delete(key);
                }
            }
            long txid = client.getTxid();
            List<Entry> expected = everything(client);
            assertEquals(50, expected.size());
            for (String node : NODES) {
                ArakoonClient reader =
                        cluster.client(Optional.of(node))
                                .withConsistency(Consistency.atLeast(txid));
                assertEquals(expected, whenFresh(() -> everything(reader)), node);
            }
        }
    }

    // spec §6 #16: Arakoon's test_3_nodes_stop_all_start_slaves: stop all three nodes, start
    // only the two former slaves: they elect a master and the key written before is readable.
    @Test
    void theTwoFormerSlavesAloneElectAMasterAndServeEarlierWrites(@TempDir Path dir)
            throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir)) {
            ArakoonClient client = cluster.client(Optional.empty());
            client.set(utf8("k"), utf8("v"));
            String master = client.whoMaster().orElseThrow();
            NODES.forEach(cluster::stop);
            for (String node : NODES) {
                if (!node.equals(master)) {
                    cluster.start(node);
                }
            }
            ArakoonClient fresh = cluster.client(Optional.empty());
            assertEquals(utf8("v"), fresh.get(utf8("k")));
            String elected = fresh.whoMaster().orElseThrow();
            assertTrue(!elected.equals(master), elected);
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

    // spec §6 #17: Arakoon's test_get_key_count_slave: a client that knows only a slave cannot
    // count keys (a consistent read needs the master).
    @Test
    void aClientOfOnlyASlaveCannotCountKeys(@TempDir Path dir) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir)) {
            ArakoonClient client = cluster.client(Optional.empty());
            client.nop();
            ArakoonClient slaveOnly = cluster.clientOf(slaveOf(client.whoMaster().orElseThrow()));
            assertThrows(ArakoonException.class, slaveOnly::keyCount);
        }
    }

    // spec §6 #19: Arakoon's test_download_db: backup-db is refused on the master; with one of
    // two nodes up there is no master and the backup works; the backup is that node's store.
    @Test
    void backupIsRefusedOnTheMasterAndCopiesTheStoreOfANodeWithoutMaster(@TempDir Path dir)
            throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir, 2, "")) {
            ArakoonClient client = cluster.client(Optional.empty());
            for (int i = 0; i < 20; i++) {
                client.set(utf8("key_" + i), utf8("value_" + i));
            }
            String master = client.whoMaster().orElseThrow();
            String other = master.equals("node_0") ? "node_1" : "node_0";
            LocalCluster.Result refused =
                    cluster.admin(master, "backup-db", dir.resolve("refused.db").toString());
            assertTrue(refused.err().contains("E_NOT_SUPPORTED"), refused.err());
            // the other node has applied every write before its peer goes
            long txid = client.getTxid();
            ArakoonClient otherReader =
                    cluster.client(Optional.of(other)).withConsistency(Consistency.atLeast(txid));
            List<Entry> stored = whenFresh(() -> everything(otherReader));
            cluster.stop(master);

            Path backup = dir.resolve("backup.db");
            LocalCluster.Result done = cluster.admin(other, "backup-db", backup.toString());
            assertEquals(0, done.code(), done.err());
            KvStore copy;
            try (InputStream in = Files.newInputStream(backup)) {
                copy = KvStore.restore(in, Limits.FIELD_BYTES_MAX, UserFunctionRegistry.empty());
            }
            assertEquals(20, copy.keyCount());
            assertEquals(stored, entriesOf(copy));
            LocalCluster.Result dump = LocalCluster.run("store", "dump", backup.toString());
            assertTrue(dump.out().contains("keys: 20\n"), dump.out() + dump.err());
        }
    }

    // spec §6 #21: Arakoon's test_statistics: the statistics carry start and last times,
    // node_is (each node's last known index) and per-operation latency figures (n, min, max,
    // avg, var); the counters move after traffic.
    @Test
    void statisticsNameTheirFieldsAndCountTraffic(@TempDir Path dir) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir)) {
            LocalCluster.Result before = cluster.client("statistics");
            assertEquals(0, before.code(), before.err());
            for (int i = 0; i < 5; i++) {
                cluster.client("set", "k" + i, "v");
                cluster.client("get", "k" + i);
            }
            LocalCluster.Result after = cluster.client("statistics");
            assertEquals(0, after.code(), after.err());
            for (String field :
                    List.of(
                            "start:",
                            "last:",
                            "applied_index:",
                            "node_is:",
                            "set_info:",
                            "get_info:",
                            "del_info:",
                            "seq_info:",
                            "mget_info:",
                            "tas_info:",
                            "op_info:",
                            "avg:",
                            "var:")) {
                assertTrue(after.out().contains(field), field + " in\n" + after.out());
            }
            assertTrue(!before.out().equals(after.out()), after.out());
            assertTrue(after.out().matches("(?s).*set_info:\\s+n: 5\\b.*"), after.out());
        }
    }

    /**
     * A slave learns that a value is chosen from the next one, at the latest the master's lease
     * renewal half a lease later; until then its At_least reads fail (as Arakoon's do). Retries
     * {@code read} for up to {@link #FRESH_WAIT_MILLIS}, pausing between tries.
     */
    static <T> T whenFresh(Supplier<T> read) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FRESH_WAIT_MILLIS);
        while (true) {
            try {
                return read.get();
            } catch (InconsistentReadException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(FRESH_PAUSE_MILLIS);
            }
        }
    }

    private static String slaveOf(String master) {
        return NODES.stream().filter(n -> !n.equals(master)).findFirst().orElseThrow();
    }

    private static List<Entry> everything(ArakoonClient client) {
        return client.rangeEntries(Optional.empty(), true, Optional.empty(), true, -1);
    }

    private static List<Entry> entriesOf(KvStore store) {
        return store.rangeEntries(Optional.empty(), true, Optional.empty(), true, -1).stream()
                .map(ClusterScenarioTest::toEntry)
                .toList();
    }

    private static Entry toEntry(KeyValue entry) {
        return new Entry(
                ByteString.of(entry.key().toByteArray()),
                ByteString.of(entry.value().toByteArray()));
    }

    private static ByteString utf8(String text) {
        return ByteString.utf8(text);
    }
}
