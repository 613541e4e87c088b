package io.rarakoon.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.ArakoonClient;
import io.rarakoon.client.ArakoonException;
import io.rarakoon.client.AssertionFailedException;
import io.rarakoon.client.ClientConfig;
import io.rarakoon.client.NotFoundException;
import io.rarakoon.client.Sequence;
import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Entry;
import io.rarakoon.node.Node;
import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.NodeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arakoon's basic system tests (spec §6 #1 to #11, pylabs/test/server/quick/system_tests_basic.py)
 * against nodes in this JVM on 127.0.0.1 ports picked free, with a 1 s lease. A stopped node is
 * restarted on the same folder; every wait is the client's own deadline.
 */
class BasicScenarioTest {
    @TempDir Path folder;

    private final List<Integer> ports = new ArrayList<>();
    private final Map<String, Node> running = new HashMap<>();
    private final List<ArakoonClient> clients = new ArrayList<>();
    private ClusterConfig config;

    @AfterEach
    void stopAll() {
        clients.forEach(ArakoonClient::close);
        running.values().forEach(Node::close);
    }

    // spec §6 #1: Arakoon started and stopped a single forced-master node and a 3-node forced
    // cluster, counting processes; stop and start were idempotent. Here: the node serves after
    // start, a second close is harmless, and a start on the same folder serves again.
    @Test
    void startAndStopAreIdempotentForOneAndThreeForcedNodes() throws Exception {
        configure(1, "master_mode = \"forced\"\nmaster = \"node_0\"\n");
        startAll();
        client().set(key("a"), key("1"));
        Node node = running.remove("node_0");
        node.close();
        node.close();
        newClient();
        startAll();
        assertEquals(key("1"), client().get(key("a")));

        stopAll();
        running.clear();
        clients.clear();
        configure(3, "master_mode = \"forced\"\nmaster = \"node_0\"\n");
        startAll();
        client().nop(); // waits, within the client's deadline, for the forced master
        assertEquals(Optional.of("node_0"), client().whoMaster());
        running.values().forEach(Node::close);
        running.values().forEach(Node::close);
        running.clear();
        newClient(); // a write on a connection the stop cut would be OutcomeUnknown
        startAll();
        client().set(key("b"), key("2"));
        assertEquals(key("2"), client().get(key("b")));
    }

    // spec §6 #2: test_single_client_100_set_get_and_deletes on a 3-node elected cluster.
    @Test
    void hundredSetGetDeleteSucceedAndAGetAfterDeleteIsNotFound() throws Exception {
        configure(3, "");
        startAll();
        ArakoonClient client = client();
        for (int i = 0; i < 100; i++) {
            ByteString k = key("key_" + i);
            client.set(k, key("value_" + i));
            assertEquals(key("value_" + i), client.get(k));
            client.delete(k);
            assertThrows(NotFoundException.class, () -> client.get(k));
        }
    }

    // spec §6 #3: test_max_value_size_tinkering and test_large_value: a 20 000-byte value works,
    // after max_value_size = 1024 and a restart it is refused; a 10 MiB value is always refused.
    @Test
    void aLoweredMaxValueSizeRefusesWhatWorkedBeforeAndTenMibIsRefused() throws Exception {
        configure(1, "");
        startAll();
        client().set(key("big"), ByteString.of(new byte[20_000]));
        assertThrows(
                ArakoonException.class,
                () -> client().set(key("huge"), ByteString.of(new byte[10 << 20])));

        stopAll();
        running.clear();
        clients.clear();
        writeConfig(1, "max_value_size = 1024\n");
        startAll();
        assertThrows(
                ArakoonException.class,
                () -> client().set(key("big2"), ByteString.of(new byte[20_000])));
        assertEquals(20_000, client().get(key("big")).length());
        client().set(key("small"), ByteString.of(new byte[100]));
    }

    // spec §6 #4: Arakoon's test_marker_presence_required (a tlog without its close marker stops
    // the start-up, exit 42). Our port only logs a missing marker and never blocks start-up, so
    // this is our documented behaviour instead: nodes stopped while writes were acknowledged
    // (closed in the JVM without a drain of the cluster; kill -9 is ProcessClusterIT's) restart
    // and serve every acknowledged write.
    @Test
    void nodesStoppedAfterAcknowledgedWritesRestartAndServeThemAll() throws Exception {
        configure(3, "");
        startAll();
        for (int i = 0; i < 30; i++) {
            client().set(key("k" + i), key("v" + i));
        }
        running.values().forEach(Node::close);
        running.clear();
        startAll();
        for (int i = 0; i < 30; i++) {
            assertEquals(key("v" + i), client().get(key("k" + i)));
        }
    }

    // spec §6 #5: test_deploy_1_to_2 and test_deploy_2_to_3: stop, add a node to the config,
    // start; old keys stay readable and new writes work.
    @Test
    void growingOneToTwoToThreeNodesKeepsOldKeysAndTakesNewWrites() throws Exception {
        configure(1, "");
        startAll();
        client().set(key("one"), key("1"));
        for (int size = 2; size <= 3; size++) {
            stopAll();
            running.clear();
            clients.clear();
            writeConfig(size, "");
            startAll();
            assertEquals(key("1"), client().get(key("one")));
            client().set(key("n" + size), key("v" + size));
            assertEquals(key("v" + size), client().get(key("n" + size)));
        }
        assertEquals(key("v2"), client().get(key("n2")));
    }

    // spec §6 #6: test_range, test_range_entries, test_reverse_range_entries, test_prefix,
    // test_rev_range_entries_arakoon368: inclusive/exclusive bounds and limits.
    @Test
    void rangesHonourInclusiveAndExclusiveBoundsAndLimits() throws Exception {
        configure(3, "");
        startAll();
        ArakoonClient client = client();
        Sequence all = new Sequence();
        for (int i = 0; i < 100; i++) {
            all.set(key("key_%03d".formatted(i)), key("value_%03d".formatted(i)));
        }
        client.sequence(all);
        Optional<ByteString> k10 = Optional.of(key("key_010"));
        Optional<ByteString> k85 = Optional.of(key("key_085"));
        Optional<ByteString> k35 = Optional.of(key("key_035"));

        assertEquals(75, client.range(k10, true, k85, false, -1).size());
        assertEquals(74, client.range(k10, false, k85, false, -1).size());
        assertEquals(76, client.range(k10, true, k85, true, -1).size());
        List<ByteString> ten = client.range(k10, true, k85, false, 10);
        assertEquals(10, ten.size());
        assertEquals(key("key_010"), ten.get(0));
        assertEquals(key("key_019"), ten.get(9));
        List<Entry> entries = client.rangeEntries(k10, true, k35, false, -1);
        assertEquals(25, entries.size());
        assertEquals(key("value_034"), entries.get(24).value());
        List<Entry> reverse = client.revRangeEntries(k35, true, k10, true, -1);
        assertEquals(26, reverse.size());
        assertEquals(key("key_035"), reverse.get(0).key());
        assertEquals(key("key_010"), reverse.get(25).key());
        assertEquals(3, client.revRangeEntries(Optional.empty(), true, k10, true, 3).size());
        assertEquals(10, client.prefixKeys(key("key_01"), -1).size());
        assertEquals(5, client.prefixKeys(key("key_0"), 5).size());
    }

    // spec §6 #7: test_aSSert_*, test_aSSert_exists_*: assert and assert_exists as reads and in
    // sequences; a failing assert aborts the whole sequence.
    @Test
    void aFailingAssertAbortsTheWholeSequence() throws Exception {
        configure(3, "");
        startAll();
        ArakoonClient client = client();
        client.set(key("x"), key("1"));
        client.assertValue(key("x"), Optional.of(key("1")));
        client.assertValue(key("none"), Optional.empty());
        client.assertExists(key("x"));
        assertThrows(
                AssertionFailedException.class,
                () -> client.assertValue(key("x"), Optional.of(key("2"))));
        assertThrows(AssertionFailedException.class, () -> client.assertExists(key("none")));

        assertThrows(
                AssertionFailedException.class,
                () ->
                        client.sequence(
                                new Sequence()
                                        .set(key("x"), key("changed"))
                                        .assertValue(key("x"), Optional.of(key("2")))));
        assertThrows(
                AssertionFailedException.class,
                () ->
                        client.sequence(
                                new Sequence()
                                        .set(key("x"), key("changed"))
                                        .assertExists(key("none"))));
        assertEquals(key("1"), client.get(key("x")));
        client.sequence(
                new Sequence()
                        .assertValue(key("x"), Optional.of(key("1")))
                        .set(key("x"), key("3")));
        assertEquals(key("3"), client.get(key("x")));
    }

    // spec §6 #8: test_test_and_set, test_replace: both return the old value; replace with none
    // deletes.
    @Test
    void testAndSetAndReplaceReturnTheOldValue() throws Exception {
        configure(3, "");
        startAll();
        ArakoonClient client = client();
        assertEquals(
                Optional.empty(),
                client.testAndSet(key("t"), Optional.empty(), Optional.of(key("1"))));
        assertEquals(
                Optional.of(key("1")),
                client.testAndSet(key("t"), Optional.of(key("wrong")), Optional.of(key("2"))));
        assertEquals(key("1"), client.get(key("t")));
        assertEquals(
                Optional.of(key("1")),
                client.testAndSet(key("t"), Optional.of(key("1")), Optional.empty()));
        assertThrows(NotFoundException.class, () -> client.get(key("t")));

        assertEquals(Optional.empty(), client.replace(key("r"), Optional.of(key("a"))));
        assertEquals(Optional.of(key("a")), client.replace(key("r"), Optional.of(key("b"))));
        assertEquals(Optional.of(key("b")), client.replace(key("r"), Optional.empty()));
        assertThrows(NotFoundException.class, () -> client.get(key("r")));
    }

    // spec §6 #9: test_delete_non_existing*: E_NOT_FOUND with the key as message, alone and in a
    // sequence; the cluster keeps working.
    @Test
    void deletingAMissingKeyIsNotFoundNamingTheKey() throws Exception {
        configure(3, "");
        startAll();
        ArakoonClient client = client();
        NotFoundException alone =
                assertThrows(NotFoundException.class, () -> client.delete(key("missing")));
        assertTrue(String.valueOf(alone.getMessage()).contains("missing"), alone.getMessage());
        NotFoundException inSequence =
                assertThrows(
                        NotFoundException.class,
                        () -> client.sequence(new Sequence().delete(key("missing2"))));
        assertTrue(
                String.valueOf(inSequence.getMessage()).contains("missing2"),
                inSequence.getMessage());
        client.set(key("after"), key("ok"));
        assertEquals(key("ok"), client.get(key("after")));
    }

    // spec §6 #10: test_sequence: 1000 sets, then 1000 deletes, then sets plus a delete of a
    // missing key; the first two apply atomically, the third leaves no key behind.
    @Test
    void sequencesApplyAllOrNothing() throws Exception {
        configure(3, "");
        startAll();
        ArakoonClient client = client();
        Sequence sets = new Sequence();
        Sequence deletes = new Sequence();
        for (int i = 0; i < 1000; i++) {
            sets.set(key("s_" + i), key("v_" + i));
            deletes.delete(key("s_" + i));
        }
        client.sequence(sets);
        assertEquals(1000, client.prefixKeys(key("s_"), -1).size());
        client.sequence(deletes);
        assertEquals(0, client.prefixKeys(key("s_"), -1).size());

        Sequence broken = new Sequence();
        for (int i = 0; i < 1000; i++) {
            broken.set(key("s_" + i), key("v_" + i));
        }
        broken.delete(key("not_there"));
        assertThrows(NotFoundException.class, () -> client.sequence(broken));
        assertEquals(0, client.prefixKeys(key("s_"), -1).size());
    }

    // spec §6 #11: test_delete_prefix, test_multi_get*: delete_prefix returns how many it deleted
    // and 0 the second time; multi_get returns values in order, multi_get_option none for a
    // missing key.
    @Test
    void deletePrefixCountsAndMultiGetKeepsOrder() throws Exception {
        configure(3, "");
        startAll();
        ArakoonClient client = client();
        for (int i = 0; i < 50; i++) {
            client.set(key("p_" + i), key("v_" + i));
        }
        client.set(key("q"), key("stays"));
        assertEquals(50, client.deletePrefix(key("p_")));
        assertEquals(0, client.deletePrefix(key("p_")));
        assertEquals(key("stays"), client.get(key("q")));

        client.set(key("m1"), key("a"));
        client.set(key("m2"), key("b"));
        assertEquals(List.of(key("b"), key("a")), client.multiGet(List.of(key("m2"), key("m1"))));
        assertThrows(NotFoundException.class, () -> client.multiGet(List.of(key("m1"), key("m3"))));
        assertEquals(
                List.of(Optional.of(key("a")), Optional.empty(), Optional.of(key("b"))),
                client.multiGetOption(List.of(key("m1"), key("m3"), key("m2"))));
    }

    // ---- fixture ----

    private void newClient() {
        clients.forEach(ArakoonClient::close);
        clients.clear();
    }

    private static ByteString key(String text) {
        return ByteString.utf8(text);
    }

    private void configure(int size, String clusterLines) throws Exception {
        ports.clear();
        ports.addAll(TestClusterFile.freePorts(6));
        writeConfig(size, clusterLines);
    }

    /** Writes the cluster file for the first {@code size} nodes, keeping ports and folders. */
    private void writeConfig(int size, String clusterLines) throws Exception {
        Path file =
                TestClusterFile.write(
                        folder,
                        "[cluster]\nid = \"basic\"\nlease_period_millis = 1000\n" + clusterLines,
                        size,
                        ports);
        config = ConfigLoader.load(file);
    }

    private void startAll() throws IOException {
        for (NodeConfig node : config.nodes()) {
            if (!running.containsKey(node.name())) {
                running.put(node.name(), Node.start(config, node.name()));
            }
        }
    }

    /** A client of the whole cluster; its 30 s deadline bounds every wait for a master. */
    private ArakoonClient client() {
        if (clients.isEmpty()) {
            ClientConfig.Builder builder =
                    ClientConfig.builder(config.clusterId()).deadlineMillis(30_000);
            for (NodeConfig node : config.nodes()) {
                builder.node(node.name(), node.primaryAddress(), node.clientPort());
            }
            clients.add(ArakoonClient.create(builder.build()));
        }
        return clients.get(0);
    }
}
