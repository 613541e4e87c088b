package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inject-as-head} (spec §3.8, §6 #57, Arakoon's shaky/test_inject_as_head.py) on a 3-node
 * in-JVM cluster with 4-entry segments: a slave's backup is installed as the head of a stopped
 * node, which drops the segments below it, starts and serves the same data; an unreadable database
 * exits 4, an unreadable current head exits 3 unless --force, a running node is refused.
 */
class InjectAsHeadTest {
    private static final List<String> NODES = List.of("node_0", "node_1", "node_2");

    @TempDir Path dir;

    @Test
    void aSlavesBackupBecomesAnotherNodesHeadAndItServesTheSameData() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir)) {
            ArakoonClient client = cluster.client(Optional.empty());
            for (int i = 0; i < 40; i++) {
                client.set(utf8("key_" + i), utf8("value_" + i));
            }
            String master = client.whoMaster().orElseThrow();
            List<String> slaves = NODES.stream().filter(n -> !n.equals(master)).toList();
            Path backup = dir.resolve("backup.db");
            assertEquals(0, cluster.admin(slaves.get(0), "backup-db", backup.toString()).code());
            String target = slaves.get(1);
            cluster.stop(target);
            Path log = dir.resolve(target);
            long segmentsBefore = segments(log);

            LocalCluster.Result inject = injectOn(cluster, target, backup.toString());

            assertEquals(0, inject.code(), inject.err());
            assertTrue(inject.out().startsWith("installed the head at index "), inject.out());
            assertTrue(segments(log) < segmentsBefore, segments(log) + " of " + segmentsBefore);
            cluster.start(target);
            long txid = client.getTxid();
            ArakoonClient reader =
                    cluster.client(Optional.of(target)).withConsistency(Consistency.atLeast(txid));
            assertEquals(
                    40,
                    ClusterScenarioTest.whenFresh(
                                    () ->
                                            reader.range(
                                                    Optional.empty(),
                                                    true,
                                                    Optional.empty(),
                                                    true,
                                                    -1))
                            .size());
        }
    }

    @Test
    void anUnreadableDatabaseExitsFourAndARunningNodeIsRefused() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir)) {
            Path junk = dir.resolve("junk.db");
            Files.writeString(junk, "not a database", StandardCharsets.UTF_8);
            assertEquals(1, injectOn(cluster, "node_0", junk.toString()).code());
            cluster.stop("node_0");
            LocalCluster.Result unreadable = injectOn(cluster, "node_0", junk.toString());
            assertEquals(InjectAsHeadCommand.DATABASE_UNREADABLE, unreadable.code());
            assertTrue(unreadable.err().contains("junk.db"), unreadable.err());
        }
    }

    @Test
    void anUnreadableCurrentHeadExitsThreeUnlessForced() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir)) {
            ArakoonClient client = cluster.client(Optional.empty());
            for (int i = 0; i < 20; i++) {
                client.set(utf8("key_" + i), utf8("value_" + i));
            }
            String slave =
                    NODES.stream()
                            .filter(n -> !n.equals(client.whoMaster().orElseThrow()))
                            .findFirst()
                            .orElseThrow();
            assertEquals(0, cluster.admin(slave, "collapse", "--keep", "1").code());
            for (int i = 20; i < 40; i++) {
                client.set(utf8("key_" + i), utf8("value_" + i));
            }
            Path backup = dir.resolve("backup.db");
            assertEquals(0, cluster.admin(slave, "backup-db", backup.toString()).code());
            cluster.stop(slave);
            Path head = dir.resolve(slave).resolve("head.snap");
            byte[] bytes = Files.readAllBytes(head);
            bytes[bytes.length - 1] ^= 0x01;
            Files.write(head, bytes);

            assertEquals(
                    InjectAsHeadCommand.HEAD_UNREADABLE,
                    injectOn(cluster, slave, backup.toString()).code());
            LocalCluster.Result forced = injectOn(cluster, slave, backup.toString(), "--force");
            assertEquals(0, forced.code(), forced.err());
        }
    }

    private static LocalCluster.Result injectOn(
            LocalCluster cluster, String node, String database, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "inject-as-head",
                                database,
                                "--config",
                                cluster.clusterFile().toString(),
                                "--node",
                                node));
        args.addAll(List.of(more));
        return LocalCluster.run(args.toArray(String[]::new));
    }

    private static long segments(Path log) throws Exception {
        try (var files = Files.list(log)) {
            return files.filter(f -> f.toString().matches(".*\\.walz?$")).count();
        }
    }

    private static ByteString utf8(String text) {
        return ByteString.utf8(text);
    }
}
