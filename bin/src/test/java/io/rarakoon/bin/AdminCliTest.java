package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.bin.LocalCluster.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rarakoon admin} against a real 3-node cluster in this JVM ({@link LocalCluster}): every
 * maintenance command reaches the named node and exits 0, the master's refusals print Arakoon's
 * error name with exit 1, and a node missing from the cluster file is a usage error. The first
 * write waits for the election through the client's bounded retry; nothing sleeps.
 */
class AdminCliTest {
    @TempDir Path folder;

    private LocalCluster cluster;
    private String master;
    private String slave;

    @BeforeEach
    void startClusterAndWrite() throws Exception {
        cluster = LocalCluster.start(folder);
        for (int i = 0; i < 20; i++) {
            assertEquals(0, cluster.client("set", "key_" + i, "value_" + i).code());
        }
        master = cluster.client("who-master").out().strip();
        slave = master.equals("node_0") ? "node_1" : "node_0";
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void collapsePrintsItsStepsAndKeepsTheData() {
        Result collapse = cluster.admin(master, "collapse", "--keep", "1");

        assertEquals(0, collapse.code(), collapse.err());
        assertTrue(collapse.out().startsWith("step 1 of "), collapse.out());
        assertEquals("value_3\n", cluster.client("get", "key_3").out());
    }

    @Test
    void storeMaintenanceRunsOnASlave() {
        assertEquals(0, cluster.admin(slave, "flush-store").code());
        assertEquals(0, cluster.admin(slave, "optimize-db").code());
        assertEquals(0, cluster.admin(slave, "defrag-db").code());
        Result copy = cluster.admin(slave, "copy-db-to-head", "--keep", "1");
        assertEquals(0, copy.code(), copy.err());
        assertEquals("20\n", cluster.client("key-count").out());
    }

    @Test
    void theMasterRefusesStoreMaintenanceWithArakoonsErrorName() {
        Result optimize = cluster.admin(master, "optimize-db");

        assertEquals(ExitCodes.FAILED, optimize.code());
        assertEquals(
                "E_NOT_SUPPORTED: Operation cannot be performed on master node\n", optimize.err());
        assertEquals("", optimize.out());
    }

    @Test
    void backupStreamsTheSlavesStoreToAFileWithProgress() throws Exception {
        Path backup = folder.resolve("backup.db");

        Result run = cluster.admin(slave, "backup-db", backup.toString());

        assertEquals(0, run.code(), run.err());
        assertTrue(Files.size(backup) > 0);
        assertTrue(run.err().contains("100% " + Files.size(backup) + " of "), run.err());
    }

    @Test
    void dropMasterIsAcceptedByTheMaster() {
        assertEquals(0, cluster.admin(master, "drop-master").code());
        assertEquals("value_7\n", cluster.client("get", "key_7").out());
    }

    @Test
    void aNodeNotInTheClusterFileIsAUsageError() {
        Result run = cluster.admin("node_9", "flush-store");

        assertEquals(ExitCodes.USAGE, run.code());
        assertTrue(run.err().contains("node_9"), run.err());
    }
}
