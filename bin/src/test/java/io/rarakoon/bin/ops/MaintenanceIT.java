package io.rarakoon.bin.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.bin.ops.ProcessCluster.CliResult;
import io.rarakoon.client.ArakoonClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Store and log maintenance through {@code rarakoon admin}, run as processes against node processes
 * (spec §6 #19, #25, #28, #56): collapse, copy-db-to-head, backup-db, and a wiped node that catches
 * up from a collapsed peer's head snapshot plus the log after it. Segments hold 500 entries so that
 * a few thousand writes make several of them. Each test runs its own cluster through {@link
 * ProcessCluster}; data and logs stay in {@code bin/target/ops-*}.
 */
class MaintenanceIT {
    private static final String SMALL_SEGMENTS = "[wal]\nentries_per_segment = 500\n";

    /** Magic (8 bytes) and version (4) precede the applied index in a store snapshot. */
    private static final int SNAPSHOT_INDEX_OFFSET = 12;

    private static final int SNAPSHOT_INDEX_BYTES = 8;
    private static final int SNAPSHOT_CHECKSUM_BYTES = 4;
    private static final Pattern HEAD_INDEX = Pattern.compile("head index: (-?\\d+)");

    // spec §6 #19 (test_download_db), #28 (test_copy_db_to_head) and collapse on every role:
    // backup-db and copy-db-to-head are refused by the master and work on a slave; two slaves'
    // backups are the same bytes; copy-db-to-head --keep 0 is refused, --keep 1 on a slave moves
    // its head to at least the writes and leaves few segments; collapse --keep 1 on the master
    // prints its steps and leaves a head snapshot.
    @Test
    void backupCopyDbToHeadAndCollapseWorkWhereArakoonAllowsThem() throws Exception {
        try (ProcessCluster cluster =
                        ProcessCluster.builder("maintenance", 3).sections(SMALL_SEGMENTS).build();
                ArakoonClient observer = cluster.observer();
                ArakoonClient client = cluster.client()) {
            cluster.startAll();
            WriteLoad.fill(cluster, "k", 3_000);
            String master = cluster.awaitMaster(observer, name -> true);
            List<String> slaves = cluster.nodes().stream().filter(n -> !n.equals(master)).toList();
            slaves.forEach(slave -> cluster.awaitCaughtUp(slave, client));

            Path refused = cluster.folder().resolve("master.db");
            CliResult onMaster = cluster.admin(master, "backup-db", refused.toString());
            assertEquals(1, onMaster.exitCode(), onMaster.toString());
            assertTrue(onMaster.err().contains("E_NOT_SUPPORTED"), onMaster.toString());
            Path first = cluster.folder().resolve(slaves.get(0) + ".db");
            Path second = cluster.folder().resolve(slaves.get(1) + ".db");
            assertEquals(0, cluster.admin(slaves.get(0), "backup-db", first.toString()).exitCode());
            assertEquals(
                    0, cluster.admin(slaves.get(1), "backup-db", second.toString()).exitCode());
            assertArrayEquals(storeContent(first), storeContent(second), "the slaves' backups");

            CliResult keepZero = cluster.admin(slaves.get(0), "copy-db-to-head", "--keep", "0");
            assertEquals(1, keepZero.exitCode(), keepZero.toString());
            CliResult copyOnMaster = cluster.admin(master, "copy-db-to-head", "--keep", "1");
            assertEquals(1, copyOnMaster.exitCode(), copyOnMaster.toString());
            CliResult copied = cluster.admin(slaves.get(0), "copy-db-to-head", "--keep", "1");
            assertEquals(0, copied.exitCode(), copied.toString());
            Path slaveHome = cluster.home(slaves.get(0));
            assertTrue(headIndex(cluster, slaveHome) >= 1_000, "head index after copy-db-to-head");
            assertTrue(
                    LifecycleIT.segments(slaveHome).size() < 5, "segments after copy-db-to-head");

            CliResult collapsed = cluster.admin(master, "collapse", "--keep", "1");
            assertEquals(0, collapsed.exitCode(), collapsed.toString());
            assertTrue(collapsed.out().startsWith("step 1 of "), collapsed.toString());
            assertTrue(headIndex(cluster, cluster.home(master)) >= 1_000, "master's head");
            assertEquals(3_000, client.keyCount(), "keys after the maintenance");
        }
    }

    // spec §6 #31: Arakoon's test_download_db_dead_master and test_download_db_with_load: backups
    // on both slaves while the master is killed end, and a new master exists after them; a backup
    // on a slave under four writers costs the writers nothing. Backups of a few thousand keys take
    // well under a second here, so the master is killed as the backups start rather than during a
    // slow download.
    @Test
    @LongSuite
    void backupsGoOnWhileTheMasterDiesAndUnderWrites() throws Exception {
        try (ProcessCluster cluster = ProcessCluster.builder("backup-load", 3).build();
                ArakoonClient observer = cluster.observer();
                ArakoonClient client = cluster.client()) {
            cluster.startAll();
            WriteLoad.fill(cluster, "k", 5_000);
            String master = cluster.awaitMaster(observer, name -> true);
            List<String> slaves = cluster.nodes().stream().filter(n -> !n.equals(master)).toList();
            slaves.forEach(slave -> cluster.awaitCaughtUp(slave, client));
            List<CompletableFuture<CliResult>> backups = new ArrayList<>();
            for (String slave : slaves) {
                Path file = cluster.folder().resolve(slave + ".db");
                backups.add(
                        CompletableFuture.supplyAsync(
                                () -> admin(cluster, slave, "backup-db", file.toString())));
            }
            cluster.kill(master);
            for (CompletableFuture<CliResult> backup : backups) {
                CliResult ended = backup.get(ProcessCluster.WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS);
                assertEquals(0, ended.exitCode(), ended.toString());
            }
            String successor = cluster.awaitMaster(observer, name -> !name.equals(master));
            for (String slave : slaves) {
                Path file = cluster.folder().resolve(slave + ".db");
                CliResult dump = cluster.cli("store", "dump", file.toString());
                assertEquals(0, dump.exitCode(), dump.toString());
            }

            String slave = slaves.stream().filter(n -> !n.equals(successor)).findFirst().get();
            Path underLoad = cluster.folder().resolve(slave + "-under-load.db");
            try (WriteLoad load = WriteLoad.start(cluster, "w", 4, 1_000_000)) {
                load.awaitAcknowledged(500);
                CliResult backup = cluster.admin(slave, "backup-db", underLoad.toString());
                assertEquals(0, backup.exitCode(), backup.toString());
                load.awaitAcknowledged(load.acknowledgedCount() + 500);
                load.stop();
                load.finish();
                assertEquals(
                        0, load.unknown().size(), "writes of unknown outcome: " + load.errors());
                load.checkStore(ProcessCluster.readAll(client), "w");
            }
        }
    }

    private static CliResult admin(ProcessCluster cluster, String node, String... args) {
        try {
            return cluster.admin(node, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // spec §6 #26: Arakoon's test_collapse_witness_node: a 2-node forced cluster whose other node
    // is a witness; the witness is collapsed, the master is wiped and restarted, and it catches up
    // from the witness's head snapshot and log to every write.
    @Test
    @LongSuite
    void aWipedMasterCatchesUpFromACollapsedWitness() throws Exception {
        try (ProcessCluster cluster =
                        ProcessCluster.builder("witness-head", 2)
                                .clusterKeys("master_mode = \"forced\"\nmaster = \"node_0\"\n")
                                .nodeKeys(1, "role = \"witness\"\n")
                                .sections(SMALL_SEGMENTS)
                                .build();
                ArakoonClient client = cluster.client()) {
            cluster.startAll();
            SortedMap<String, String> written = WriteLoad.fill(cluster, "k", 3_000);
            client.nop();
            CliResult collapsed = cluster.admin("node_1", "collapse", "--keep", "1");
            assertEquals(0, collapsed.exitCode(), collapsed.toString());
            assertTrue(headIndex(cluster, cluster.home("node_1")) >= 1_000, "witness's head");
            assertEquals(0, cluster.stop("node_0"));
            cluster.wipe("node_0");
            cluster.start("node_0");
            assertEquals(written, ProcessCluster.readAll(client), "the wiped master's store");
        }
    }

    // spec §6 #25 (test_collapse), #44 and #56 (test_243): every node collapsed, more writes, one
    // node stopped and wiped while the others take more writes and collapse again; restarted, it
    // catches up from a head snapshot plus the log after it, to a store equal to the master's, and
    // can itself be collapsed afterwards.
    @Test
    void aWipedNodeCatchesUpFromACollapsedPeerAndCanBeCollapsed() throws Exception {
        try (ProcessCluster cluster =
                        ProcessCluster.builder("wiped-catch-up", 3)
                                .sections(SMALL_SEGMENTS)
                                .build();
                ArakoonClient observer = cluster.observer();
                ArakoonClient client = cluster.client()) {
            cluster.startAll();
            WriteLoad.fill(cluster, "a", 2_000);
            for (String node : cluster.nodes()) {
                assertEquals(0, cluster.admin(node, "collapse", "--keep", "1").exitCode(), node);
            }
            WriteLoad.fill(cluster, "b", 1_000);
            String master = cluster.awaitMaster(observer, name -> true);
            String wiped = cluster.anotherThan(master);
            assertEquals(0, cluster.stop(wiped));
            cluster.wipe(wiped);
            WriteLoad.fill(cluster, "c", 2_000);
            for (String node : cluster.nodes()) {
                if (!node.equals(wiped)) {
                    CliResult collapsed = cluster.admin(node, "collapse", "--keep", "1");
                    assertEquals(0, collapsed.exitCode(), node + ": " + collapsed);
                }
            }
            cluster.start(wiped);
            SortedMap<String, String> expected = ProcessCluster.readAll(client);
            assertEquals(5_000, expected.size(), "keys on the master");
            assertEquals(expected, cluster.awaitCaughtUp(wiped, client), wiped + "'s store");
            assertTrue(
                    cluster.log(wiped).contains("installed the head"), "caught up through a head");
            CliResult own = cluster.admin(wiped, "collapse", "--keep", "1");
            assertEquals(0, own.exitCode(), own.toString());
        }
    }

    /**
     * A backup's bytes without its applied index and checksum (docs/kv-store.md, snapshot format):
     * two slaves may have applied a different number of master lease renewals, as Arakoon's store
     * comparison ignores its {@code *i} counter.
     */
    private static byte[] storeContent(Path backup) throws Exception {
        byte[] bytes = Files.readAllBytes(backup);
        byte[] content = new byte[bytes.length - SNAPSHOT_INDEX_BYTES - SNAPSHOT_CHECKSUM_BYTES];
        System.arraycopy(bytes, 0, content, 0, SNAPSHOT_INDEX_OFFSET);
        int rest = SNAPSHOT_INDEX_OFFSET + SNAPSHOT_INDEX_BYTES;
        System.arraycopy(
                bytes,
                rest,
                content,
                SNAPSHOT_INDEX_OFFSET,
                content.length - SNAPSHOT_INDEX_OFFSET);
        return content;
    }

    /** The head index of {@code home/head.snap}, read by {@code rarakoon store dump}. */
    private static long headIndex(ProcessCluster cluster, Path home) throws Exception {
        CliResult dump = cluster.cli("store", "dump", home.resolve("head.snap").toString());
        assertEquals(0, dump.exitCode(), dump.toString());
        Matcher matcher = HEAD_INDEX.matcher(dump.out());
        assertTrue(matcher.find(), dump.toString());
        return Long.parseLong(matcher.group(1));
    }
}
