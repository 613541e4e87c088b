package io.rarakoon.bin.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rarakoon.client.ArakoonClient;
import java.util.Locale;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Long suite (run with {@code -Pops-long}): how fast a wiped node catches up, spec §6 #25, #30,
 * #44, #55, #56 (Arakoon's tests assume 250 entries/s; issue 9 asks for 10,000). A 3-node cluster
 * takes {@link #WRITES} writes, every node collapses keeping one segment, a slave is stopped and
 * wiped, and restarted: it receives a peer's head snapshot and the log after it. The measurement
 * prints the entries it caught up and entries/s, from the moment the node serves to the moment it
 * has applied the master's stamp (and, for comparison, from the process start); it asserts only
 * that the store it reached equals the master's. Data and logs stay in {@code
 * bin/target/ops-catch-up-*}.
 */
@EnabledIfSystemProperty(
        named = "rarakoon.ops.long",
        matches = "true",
        disabledReason = "long suite: mvn -B -ntp -pl bin -am verify -Pops-long")
class CatchUpThroughputIT {
    private static final int WRITES = 40_000;
    private static final int WRITERS = 2;

    @Test
    void aWipedNodeCatchesUpFromHeadAndLogAndReportsItsRate() throws Exception {
        try (ProcessCluster cluster =
                        ProcessCluster.builder("catch-up", 3)
                                .sections("[wal]\nentries_per_segment = 5000\n")
                                .build();
                ArakoonClient observer = cluster.observer();
                ArakoonClient client = cluster.client()) {
            cluster.startAll();
            try (WriteLoad load = WriteLoad.start(cluster, "k", WRITERS, WRITES / WRITERS)) {
                load.finish();
                assertEquals(0, load.unknown().size(), "writes of unknown outcome");
            }
            String master = cluster.awaitMaster(observer, name -> true);
            String wiped =
                    cluster.nodes().stream().filter(n -> !n.equals(master)).findFirst().get();
            for (String node : cluster.nodes()) {
                assertEquals(0, cluster.admin(node, "collapse", "--keep", "1").exitCode(), node);
            }
            assertEquals(0, cluster.stop(wiped));
            cluster.wipe(wiped);
            client.nop();
            long stamp = client.getTxid();

            long startNanos = System.nanoTime();
            cluster.start(wiped);
            cluster.awaitServing(wiped);
            long servingNanos = System.nanoTime();
            cluster.awaitApplied(wiped, stamp);
            long doneNanos = System.nanoTime();

            double fromServing = (doneNanos - servingNanos) / 1e9;
            double fromStart = (doneNanos - startNanos) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "catch-up of %s: %d entries (%d writes, %d writers) in %.2f s from serving"
                            + " = %.0f entries/s; %.2f s from process start = %.0f entries/s%n",
                    wiped,
                    stamp + 1,
                    WRITES,
                    WRITERS,
                    fromServing,
                    (stamp + 1) / fromServing,
                    fromStart,
                    (stamp + 1) / fromStart);
            SortedMap<String, String> expected = ProcessCluster.readAll(client);
            assertEquals(expected, cluster.awaitCaughtUp(wiped, client), wiped + "'s store");
        }
    }
}
