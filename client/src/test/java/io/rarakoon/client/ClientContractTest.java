package io.rarakoon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.Entry;
import io.rarakoon.client.protocol.NamedValue;
import io.rarakoon.client.protocol.ResultCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's behaviour against any cluster, whatever serves it: every API call of the issue, its
 * results and its typed errors. Subclasses say how the cluster is reached (today the fake cluster
 * of {@link FakeClusterClientTest}, and a real 3-node cluster in bin's tests, which get this class
 * from the client's test-jar), so the same assertions run unchanged against both. Each test works
 * under its own key prefix, cleared first, so reruns against a persistent cluster start clean.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ClientContractTest {
    /** Returns a configuration reaching the cluster under test. */
    protected abstract ClientConfig.Builder clusterConfig();

    /** Returns the name of a node that is not the master, for the slave-only admin calls. */
    protected abstract String slaveNodeName();

    private ArakoonClient client;
    private String prefix;

    @BeforeEach
    void connect(TestInfo test) {
        client = ArakoonClient.create(clusterConfig().build());
        prefix = "contract/" + test.getTestMethod().orElseThrow().getName() + "/";
        client.deletePrefix(key(""));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private ByteString key(String suffix) {
        return ByteString.utf8(prefix + suffix);
    }

    private static ByteString v(String text) {
        return ByteString.utf8(text);
    }

    @Test
    void setThenGetReturnsTheValueAndExistsSeesIt() {
        client.set(key("a"), v("1"));
        assertEquals(v("1"), client.get(key("a")));
        assertTrue(client.exists(key("a")));
        assertFalse(client.exists(key("b")));
        client.confirm(key("a"), v("1"));
        assertEquals(v("1"), client.get(key("a")));
    }

    @Test
    void getAndDeleteOfMissingKeysThrowNotFound() {
        NotFoundException get = assertThrows(NotFoundException.class, () -> client.get(key("x")));
        assertEquals(ResultCode.NOT_FOUND, get.resultCode());
        NotFoundException delete =
                assertThrows(NotFoundException.class, () -> client.delete(key("x")));
        assertEquals(key("x"), delete.serverMessage());
        client.set(key("x"), v("1"));
        client.delete(key("x"));
        assertFalse(client.exists(key("x")));
    }

    @Test
    void testAndSetAndReplaceReturnThePreviousValue() {
        assertEquals(
                Optional.empty(),
                client.testAndSet(key("k"), Optional.empty(), Optional.of(v("1"))));
        assertEquals(
                Optional.of(v("1")),
                client.testAndSet(key("k"), Optional.of(v("other")), Optional.of(v("2"))));
        assertEquals(v("1"), client.get(key("k")));
        assertEquals(Optional.of(v("1")), client.replace(key("k"), Optional.of(v("3"))));
        assertEquals(Optional.of(v("3")), client.replace(key("k"), Optional.empty()));
        assertFalse(client.exists(key("k")));
    }

    @Test
    void sequenceAppliesAllStepsOrNone() {
        client.set(key("gone"), v("x"));
        client.sequence(
                new Sequence()
                        .set(key("a"), v("1"))
                        .delete(key("gone"))
                        .assertExists(key("a"))
                        .replace(key("b"), Optional.of(v("2"))));
        assertEquals(List.of(v("1"), v("2")), client.multiGet(List.of(key("a"), key("b"))));
        assertThrows(
                NotFoundException.class,
                () -> client.sequence(new Sequence().set(key("c"), v("3")).delete(key("missing"))));
        assertFalse(client.exists(key("c")));
        assertThrows(
                AssertionFailedException.class,
                () ->
                        client.syncedSequence(
                                new Sequence()
                                        .set(key("c"), v("3"))
                                        .assertValue(key("a"), Optional.of(v("9")))));
        assertFalse(client.exists(key("c")));
        client.syncedSequence(
                new Sequence()
                        .assertRange(key(""), List.of(key("a"), key("b")))
                        .deletePrefix(key("")));
        assertEquals(List.of(), client.prefixKeys(key(""), -1));
    }

    @Test
    void multiGetsAlignValuesWithTheRequestedKeys() {
        client.set(key("a"), v("va"));
        client.set(key("b"), v("vb"));
        assertEquals(List.of(v("vb"), v("va")), client.multiGet(List.of(key("b"), key("a"))));
        assertEquals(
                List.of(Optional.of(v("va")), Optional.empty(), Optional.of(v("vb"))),
                client.multiGetOption(List.of(key("a"), key("z"), key("b"))));
        NotFoundException missing =
                assertThrows(
                        NotFoundException.class,
                        () -> client.multiGet(List.of(key("a"), key("z"))));
        assertEquals(key("z"), missing.serverMessage());
    }

    @Test
    void rangesComeBackInLogicalOrder() {
        for (String k : List.of("a", "b", "c", "d")) {
            client.set(key(k), v(k.toUpperCase(Locale.ROOT)));
        }
        assertEquals(
                List.of(key("b"), key("c")),
                client.range(Optional.of(key("a")), false, Optional.of(key("d")), false, -1));
        assertEquals(
                List.of(key("a"), key("b")),
                client.range(Optional.of(key("a")), true, Optional.of(key("z")), true, 2));
        assertEquals(
                List.of(new Entry(key("c"), v("C")), new Entry(key("d"), v("D"))),
                client.rangeEntries(Optional.of(key("c")), true, Optional.of(key("z")), true, -1));
        assertEquals(
                List.of(new Entry(key("d"), v("D")), new Entry(key("c"), v("C"))),
                client.revRangeEntries(
                        Optional.of(key("d")), true, Optional.of(key("a")), false, 2));
        assertEquals(List.of(key("a"), key("b"), key("c")), client.prefixKeys(key(""), 3));
    }

    @Test
    void unsignedKeyOrderPutsHighBytesLast() {
        ByteString high = ByteString.of(concat(key("").toByteArray(), new byte[] {(byte) 0xff}));
        ByteString low = ByteString.of(concat(key("").toByteArray(), new byte[] {0x01}));
        client.set(high, v("h"));
        client.set(low, v("l"));
        assertEquals(List.of(low, high), client.prefixKeys(key(""), -1));
    }

    @Test
    void deletePrefixCountsAndKeyCountFollows() {
        long before = client.keyCount();
        client.set(key("p1"), v("1"));
        client.set(key("p2"), v("2"));
        client.set(key("q"), v("3"));
        assertEquals(before + 3, client.keyCount());
        assertEquals(2, client.deletePrefix(key("p")));
        assertEquals(before + 1, client.keyCount());
    }

    @Test
    void assertsReportAssertionFailedAndChangeNothing() {
        client.set(key("k"), v("v"));
        client.assertValue(key("k"), Optional.of(v("v")));
        client.assertValue(key("absent"), Optional.empty());
        client.assertExists(key("k"));
        AssertionFailedException failed =
                assertThrows(
                        AssertionFailedException.class, () -> client.assertExists(key("absent")));
        assertEquals(ResultCode.ASSERTION_FAILED, failed.resultCode());
        assertThrows(
                AssertionFailedException.class,
                () -> client.assertValue(key("k"), Optional.of(v("w"))));
    }

    @Test
    void unknownUserFunctionIsBadInput() {
        assertThrows(
                BadInputException.class,
                () -> client.userFunction(v("no such function"), Optional.empty()));
    }

    @Test
    void clusterInformationCalls() {
        String master = client.whoMaster().orElseThrow();
        assertTrue(clusterConfig().build().node(master).isPresent(), master);
        assertTrue(client.expectProgressPossible());
        assertTrue(client.version().major() >= 1);
        assertEquals(client.version().major(), client.version(slaveNodeName()).major());
        assertFalse(client.currentState().isEmpty());
        assertFalse(client.currentState(slaveNodeName()).isEmpty());
        NamedValue stats = client.statistics();
        assertEquals(v("arakoon_stats"), stats.name());
        client.nop();
    }

    @Test
    void txidLetsAnyNodeServeReadYourWrites() {
        client.set(key("k"), v("fresh"));
        long txid = client.getTxid();
        ArakoonClient atLeast = client.withConsistency(Consistency.atLeast(txid));
        assertEquals(Consistency.atLeast(txid), atLeast.consistency());
        assertEquals(v("fresh"), readWhenCaughtUp(atLeast, key("k")));
        assertTrue(client.getTxid() >= txid);
    }

    /** A slave may lag behind the stamp for a moment: InconsistentRead is then the answer. */
    private static ByteString readWhenCaughtUp(ArakoonClient reader, ByteString key) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            try {
                return reader.get(key);
            } catch (InconsistentReadException behind) {
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("the dirty-read node never caught up");
    }

    @Test
    void dirtyReadsAreServedWithoutTheMaster() {
        client.set(key("k"), v("v"));
        ArakoonClient dirty = client.withConsistency(Consistency.NO_GUARANTEES);
        assertTrue(dirty.prefixKeys(key(""), -1).size() <= 1);
        assertThrows(
                InconsistentReadException.class,
                () -> client.withConsistency(Consistency.atLeast(Long.MAX_VALUE)).exists(key("k")));
    }

    @Test
    void callsFromSeveralThreadsAllTakeEffect() throws Exception {
        int threads = 4;
        int writesPerThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String thread = "t" + t + "/";
                done.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; i < writesPerThread; i++) {
                                        client.set(key(thread + i), v(thread + i));
                                    }
                                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * writesPerThread, client.prefixKeys(key(""), -1).size());
    }

    @Test
    void adminCallsOnASlave(@TempDir Path dir) throws IOException {
        String slave = slaveNodeName();
        client.flushStore(slave);
        List<Long> frames = new ArrayList<>();
        client.collapse(slave, 1, (done, total) -> frames.add(done));
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(i + 1, frames.get(i));
        }
        Path db = dir.resolve("db");
        long[] last = {0, -1};
        long length =
                client.getDb(
                        slave,
                        db,
                        (done, total) -> {
                            last[0] = done;
                            last[1] = total;
                        });
        assertEquals(length, Files.size(db));
        assertEquals(length, last[0]);
        assertEquals(length, last[1]);
        client.optimizeDb(slave);
        client.defragDb(slave);
        client.copyDbToHead(slave, 1);
        client.dropMaster(slave);
    }

    @Test
    void slaveOnlyAdminCallsAreRefusedOnTheMaster() {
        String master = client.whoMaster().orElseThrow();
        ServerException refused =
                assertThrows(ServerException.class, () -> client.optimizeDb(master));
        assertEquals(ResultCode.NOT_SUPPORTED, refused.resultCode());
        assertEquals(v("after"), afterRefusal());
    }

    private ByteString afterRefusal() {
        client.set(key("k"), v("after"));
        return client.get(key("k"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
