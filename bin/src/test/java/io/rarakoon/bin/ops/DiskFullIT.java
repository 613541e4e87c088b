package io.rarakoon.bin.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rarakoon.bin.ops.ProcessCluster.CliResult;
import io.rarakoon.client.ArakoonClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Long suite (run with {@code -Pops-long}): disk full on a slave, spec §6 #33 (Arakoon's
 * test_disk_full_on_slave). The slave's home is a 20 MiB tmpfs (this needs root and {@code mount};
 * elsewhere the test is skipped saying so). Four writers write 32 KiB values until the slave's file
 * system is full: the slave stops on its own with exit 1, the other two keep a master and
 * acknowledge writes; the tmpfs is then grown to 512 MiB, the slave restarts, catches up, and its
 * store equals the master's. Data and logs stay in {@code bin/target/ops-disk-full-*}.
 */
@LongSuite
class DiskFullIT {
    private static final int VALUE_PADDING_BYTES = 32 * 1024;
    private static final String SLAVE = "node_2";

    @Test
    @SuppressWarnings("try") // the cluster is closed early, before its tmpfs is unmounted
    void aSlaveWithAFullDiskStopsAndCatchesUpOnceSpaceIsFreed() throws Exception {
        ProcessCluster cluster = ProcessCluster.builder("disk-full", 3).build();
        Path home = cluster.home(SLAVE);
        Files.createDirectories(home);
        CliResult mounted = mount(cluster, "size=20m", home);
        assumeTrue(mounted.exitCode() == 0, "cannot mount a tmpfs here: " + mounted);
        try {
            fillTheSlavesDiskThenFreeIt(cluster, home);
        } finally {
            cluster.close();
            cluster.run(List.of("umount", home.toString()));
        }
    }

    private static void fillTheSlavesDiskThenFreeIt(ProcessCluster cluster, Path home)
            throws Exception {
        try (ArakoonClient observer = cluster.observer();
                ArakoonClient client = cluster.client()) {
            cluster.start("node_0");
            cluster.start("node_1");
            String master = cluster.awaitMaster(observer, name -> true);
            cluster.start(SLAVE);
            cluster.awaitServing(SLAVE);
            assertNotEquals(SLAVE, master);
            try (WriteLoad load =
                    WriteLoad.start(cluster, "k", 4, 1_000_000, VALUE_PADDING_BYTES)) {
                int exitCode = cluster.awaitExit(SLAVE, 10 * ProcessCluster.WAIT_MILLIS_MAX);
                assertEquals(1, exitCode, SLAVE + "'s exit code on a full disk");
                int acknowledgedAtExit = load.acknowledgedCount();
                load.awaitAcknowledged(acknowledgedAtExit + 100);
                load.stop();
                load.finish();
                System.out.printf(
                        Locale.ROOT,
                        "disk full: %s stopped after %d acknowledged writes; %d in all, %d of"
                                + " unknown outcome%n",
                        SLAVE,
                        acknowledgedAtExit,
                        load.acknowledged().size(),
                        load.unknown().size());
                load.checkStore(ProcessCluster.readAll(client), "k");
            }
            assertEquals(0, mount(cluster, "remount,size=512m", home).exitCode());
            cluster.start(SLAVE);
            SortedMap<String, String> expected = ProcessCluster.readAll(client);
            assertEquals(expected, cluster.awaitCaughtUp(SLAVE, client), SLAVE + "'s store");
        }
    }

    private static CliResult mount(ProcessCluster cluster, String options, Path home)
            throws Exception {
        return cluster.run(
                List.of("mount", "-t", "tmpfs", "-o", options, "tmpfs", home.toString()));
    }
}
