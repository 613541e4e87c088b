package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResultCode;
import io.rarakoon.kv.Bytes;
import io.rarakoon.node.TestCluster.TestNode;
import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.Accepted;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.wal.Wal;
import io.rarakoon.wire.CatchupBatchEnd;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Three production node loops in one JVM ({@link TestCluster}: MemoryDisk, a byte-level fake
 * network, one manual clock and scheduler), driven through client sessions speaking the Arakoon
 * protocol: election, writes committed on every store with equal digests, recovery of every
 * acknowledged write after all nodes lose power, and a slave's NOT_MASTER naming the master. Every
 * wait is bounded in tasks; simulated time costs nothing.
 */
class NodeClusterTest {
    private static final long SEED = 0x5eed0006L;

    @Test
    void electsOneMaster() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestNode master = cluster.awaitMaster();
        cluster.time.runFor(5 * TestCluster.LEASE_MILLIS);
        assertEquals(Optional.of(master), cluster.master(), "the master keeps its lease");
    }

    @Test
    void writesCommitOnEveryStoreWithEqualDigests() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestClient client = new TestClient(cluster, cluster.awaitMaster().loop());
        setKeys(client, 50);
        long written = cluster.master().orElseThrow().loop().storage().store().nextIndex() - 1;
        boolean aligned =
                cluster.time.runUntil(() -> allAppliedEqualAtLeast(cluster, written), 100_000);
        assertTrue(aligned, "all stores reach the same applied index");
        Bytes digest = cluster.nodes.get(0).loop().storage().store().digest();
        for (TestNode node : cluster.nodes) {
            assertEquals(digest, node.loop().storage().store().digest(), node.id.name());
            assertEquals(
                    Optional.of(Bytes.utf8("v49")),
                    node.loop().storage().store().get(Bytes.utf8("k49")));
        }
    }

    @Test
    void restartAfterPowerLossKeepsEveryAcknowledgedWrite() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestClient client = new TestClient(cluster, cluster.awaitMaster().loop());
        setKeys(client, 40);
        cluster.nodes.forEach(TestNode::crash);
        cluster.startAll();
        TestClient again = new TestClient(cluster, cluster.awaitMaster().loop());
        for (int i = 0; i < 40; i++) {
            Response response = again.call(get(Consistency.CONSISTENT, "k" + i));
            assertEquals(new Response.Text(ByteString.utf8("v" + i)), response, "k" + i);
        }
        assertInstanceOf(Response.Done.class, again.call(set("after", "restart")));
    }

    @Test
    void slaveAnswersNotMasterNamingTheMaster() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestNode master = cluster.awaitMaster();
        cluster.time.runFor(TestCluster.LEASE_MILLIS);
        TestNode slave = slaveOf(cluster, master);
        Response.Failure expected =
                new Response.Failure(ResultCode.NOT_MASTER, ByteString.utf8(master.id.name()));

        TestClient writer = new TestClient(cluster, slave.loop());
        assertEquals(expected, writer.call(set("k", "v")));
        assertTrue(writer.isClosed(), "NOT_MASTER closes the connection");

        TestClient reader = new TestClient(cluster, slave.loop());
        assertEquals(expected, reader.call(get(Consistency.CONSISTENT, "k")));
    }

    @Test
    void slaveServesDirtyAndAtLeastReads() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestNode master = cluster.awaitMaster();
        TestClient writer = new TestClient(cluster, master.loop());
        writer.call(set("k", "v"));
        Response txid = writer.call(new Request.GetTxid());
        long stamp = ((Response.Txid) txid).stamp();
        cluster.time.runFor(TestCluster.LEASE_MILLIS);
        TestNode slave = slaveOf(cluster, master);
        TestClient reader = new TestClient(cluster, slave.loop());
        Response.Text expected = new Response.Text(ByteString.utf8("v"));
        assertEquals(expected, reader.call(get(Consistency.NO_GUARANTEES, "k")));
        assertEquals(expected, reader.call(get(Consistency.atLeast(stamp), "k")));
        Response tooNew = reader.call(get(Consistency.atLeast(stamp + 1000), "k"));
        assertEquals(ResultCode.INCONSISTENT_READ, ((Response.Failure) tooNew).code());
    }

    @Test
    void updatesReadInTheTurnThatChoosesTheValueInFlightRideInTheNextValue() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestNode master = cluster.awaitMaster();
        cluster.time.runFor(TestCluster.LEASE_MILLIS);
        List<Accept> clientAccepts = new ArrayList<>();
        cluster.tamper =
                message -> {
                    if (message instanceof Accept accept && accept.value() instanceof ClientValue) {
                        clientAccepts.add(accept);
                    }
                    return message;
                };
        cluster.lost = message -> message instanceof Accepted;
        submit(master, set("a", "1"));
        cluster.time.runUntil(() -> !clientAccepts.isEmpty(), 1_000);
        Accept inFlight = clientAccepts.get(0);

        // One turn reads two client updates and a follower's Accepted for the value in flight.
        submit(master, set("b", "2"));
        submit(master, set("c", "3"));
        Accepted accepted = new Accepted(inFlight.term(), inFlight.index());
        master.loop().deliver(slaveOf(cluster, master).id, TestCluster.CLUSTER_ID, accepted);
        cluster.time.runUntil(() -> clientAccepts.size() > 2, 1_000);

        Accept next = clientAccepts.get(2);
        assertEquals(inFlight.index() + 1, next.index());
        assertEquals(2, ((ClientValue) next.value()).updates().size(), "b and c in one value");
    }

    @Test
    void masterAnswersAdminQueries() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestNode master = cluster.awaitMaster();
        cluster.time.runFor(TestCluster.LEASE_MILLIS);
        TestClient client = new TestClient(cluster, master.loop());
        ByteString name = ByteString.utf8(master.id.name());
        assertEquals(
                new Response.MaybeText(Optional.of(name)), client.call(new Request.WhoMaster()));
        assertEquals(
                new Response.Text(ByteString.utf8("Stable_master")),
                client.call(new Request.CurrentState()));
        assertEquals(new Response.Flag(true), client.call(new Request.ExpectProgressPossible()));
        assertInstanceOf(Response.Statistics.class, client.call(new Request.Statistics()));
        assertInstanceOf(Response.Done.class, client.call(new Request.Nop()));
        Response missing = client.call(new Request.Delete(ByteString.utf8("absent")));
        assertEquals(
                new Response.Failure(ResultCode.NOT_FOUND, ByteString.utf8("absent")), missing);
        Response count = client.call(new Request.GetKeyCount());
        assertEquals(new Response.Count(0), count);
        List<ByteString> none = List.of();
        assertEquals(new Response.Texts(none), client.call(prefix("")));
    }

    @Test
    void masterAppliesEveryWriteKindWithArakoonResults() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestClient client = new TestClient(cluster, cluster.awaitMaster().loop());
        ByteString k = ByteString.utf8("k");
        ByteString v = ByteString.utf8("v");
        Optional<ByteString> none = Optional.empty();
        assertEquals(
                new Response.MaybeText(none),
                client.call(new Request.TestAndSet(k, none, Optional.of(v))));
        assertEquals(
                new Response.MaybeText(Optional.of(v)),
                client.call(new Request.Replace(k, Optional.of(ByteString.utf8("w")))));
        byte[] large = new byte[io.rarakoon.kv.Limits.VALUE_BYTES_MAX_DEFAULT];
        assertEquals(
                new Response.Failure(
                        ResultCode.UNKNOWN_FAILURE, ByteString.utf8("value too large")),
                client.call(new Request.Set(k, ByteString.of(large))));
        TestClient again = new TestClient(cluster, cluster.master().orElseThrow().loop());
        Response function = again.call(new Request.UserFunction(ByteString.utf8("f"), none));
        assertEquals(ResultCode.BAD_INPUT, ((Response.Failure) function).code());
        io.rarakoon.client.protocol.Update failing =
                new io.rarakoon.client.protocol.Update.AssertExists(ByteString.utf8("absent"));
        Response sequence =
                again.call(
                        new Request.Sequence(
                                List.of(
                                        new io.rarakoon.client.protocol.Update.Set(k, v),
                                        failing)));
        assertEquals(ResultCode.ASSERTION_FAILED, ((Response.Failure) sequence).code());
        assertEquals(
                new Response.Text(ByteString.utf8("w")),
                again.call(get(Consistency.CONSISTENT, "k")),
                "the failed sequence changed nothing");
        assertEquals(new Response.Count(1), again.call(new Request.DeletePrefix(k)));
    }

    @Test
    void adminCollapseFoldsTheLogWhileTheNodeServes() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestNode master = cluster.awaitMaster();
        TestClient client = new TestClient(cluster, master.loop());
        setKeys(client, 4 * TestCluster.ENTRIES_PER_SEGMENT);
        Response started = client.call(new Request.CollapseTlogs(1));
        assertTrue(((Response.CollapseStarted) started).frameCount() > 0, started.toString());
        assertTrue(master.loop().storage().wal().headIndex() >= 0, "a head snapshot exists");
        assertInstanceOf(Response.Done.class, client.call(set("after", "collapse")));
    }

    @Test
    void singleNodeClusterServesAndRecoversItsLastWrite() {
        TestCluster cluster = new TestCluster(1, SEED);
        cluster.startAll();
        TestClient client = new TestClient(cluster, cluster.awaitMaster().loop());
        assertInstanceOf(Response.Done.class, client.call(set("k", "v")));
        cluster.nodes.get(0).crash();
        cluster.startAll();
        TestClient again = new TestClient(cluster, cluster.awaitMaster().loop());
        assertEquals(
                new Response.Text(ByteString.utf8("v")),
                again.call(get(Consistency.CONSISTENT, "k")));
    }

    @Test
    void failedFsyncStopsTheNodeBeforeAnyAnswer() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestNode master = cluster.awaitMaster();
        TestClient client = new TestClient(cluster, master.loop());
        master.disk.failForce = true;
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> client.call(set("k", "v")));
        assertTrue(e.getMessage().contains("cannot persist"), e.getMessage());
        master.disk.failForce = false;
        cluster.time.runFor(TestCluster.LEASE_MILLIS);
        assertTrue(
                master.loop().storage().store().get(Bytes.utf8("k")).isEmpty(),
                "the stopped node applies nothing");
    }

    @Test
    void dropMasterHandsTheRoleToAnotherNode() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestNode master = cluster.awaitMaster();
        TestClient admin = new TestClient(cluster, master.loop());
        assertInstanceOf(Response.Done.class, admin.call(new Request.DropMaster()));
        boolean handedOver =
                cluster.time.runUntil(
                        () -> cluster.master().filter(m -> m != master).isPresent(), 200_000);
        assertTrue(handedOver, "another node becomes master");
    }

    @Test
    void emptyStoreDoesNotExpectProgress() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.nodes.get(0).build();
        TestClient client = new TestClient(cluster, cluster.nodes.get(0).loop());
        assertEquals(new Response.Flag(false), client.call(new Request.ExpectProgressPossible()));
    }

    @Test
    void restartedSlaveCatchesUpWithWritesItMissed() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestNode master = cluster.awaitMaster();
        TestNode slave = slaveOf(cluster, master);
        slave.crash();
        TestClient client = new TestClient(cluster, master.loop());
        setKeys(client, 3 * Limits.CATCHUP_BATCH_ENTRIES_MAX);
        slave.start();
        long written = master.loop().storage().store().nextIndex() - 1;
        boolean aligned =
                cluster.time.runUntil(() -> allAppliedEqualAtLeast(cluster, written), 200_000);
        assertTrue(aligned, "the restarted slave reaches the others' applied index");
        Bytes digest = master.loop().storage().store().digest();
        assertEquals(digest, slave.loop().storage().store().digest());
    }

    @Test
    void catchupRecoversFromLostBatchEnds() {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestNode master = cluster.awaitMaster();
        TestNode slave = slaveOf(cluster, master);
        slave.crash();
        TestClient client = new TestClient(cluster, master.loop());
        setKeys(client, 3 * Limits.CATCHUP_BATCH_ENTRIES_MAX);
        int[] batchEnds = new int[1];
        cluster.lost = message -> message instanceof CatchupBatchEnd && batchEnds[0]++ < 2;
        slave.start();
        long written = master.loop().storage().store().nextIndex() - 1;
        boolean aligned =
                cluster.time.runUntil(() -> allAppliedEqualAtLeast(cluster, written), 400_000);
        assertTrue(aligned, "catch-up times out and starts again after lost batch ends");
        assertEquals(
                master.loop().storage().store().digest(), slave.loop().storage().store().digest());
    }

    @Test
    void wipedNodeRejoinsByCatchingUpAndLogsThePeersPayloadsByteForByte() throws IOException {
        TestCluster cluster = new TestCluster(3, SEED);
        cluster.startAll();
        TestNode master = cluster.awaitMaster();
        TestClient client = new TestClient(cluster, master.loop());
        setKeys(client, 100);
        TestNode slave = slaveOf(cluster, master);
        slave.wipe();
        ExecutorService syncer = Executors.newSingleThreadExecutor();
        try {
            slave.syncer = syncer; // a batch's fsync runs beside the loop, as in production
            slave.start();
            long written = master.loop().storage().store().nextIndex() - 1;
            boolean aligned =
                    cluster.time.runUntil(() -> allAppliedEqualAtLeast(cluster, written), 200_000);
            assertTrue(aligned, "the wiped node copies the whole log from a peer");
            assertEquals(
                    master.loop().storage().store().digest(),
                    slave.loop().storage().store().digest());
            Wal source = master.loop().storage().wal();
            Wal copy = slave.loop().storage().wal();
            for (long index = 0; index <= written; index++) {
                assertArrayEquals(
                        source.read(index).orElseThrow(),
                        copy.read(index).orElseThrow(),
                        "log payload at index " + index);
            }
            assertEquals(copy.lastIndex(), copy.durableIndex(), "the copied log is durable");
        } finally {
            syncer.shutdownNow();
        }
    }

    /** Queues {@code request} at {@code node}'s loop, its answer ignored. */
    private static void submit(TestNode node, Request request) {
        node.loop().submit(new ClientCall(request, reply -> {}));
    }

    /** A node of the cluster other than {@code master}. */
    private static TestNode slaveOf(TestCluster cluster, TestNode master) {
        return cluster.nodes.stream().filter(n -> n != master).findFirst().orElseThrow();
    }

    /** Sets k0 = v0, k1 = v1, ... through the client, each write acknowledged. */
    private static void setKeys(TestClient client, int count) {
        for (int i = 0; i < count; i++) {
            assertInstanceOf(Response.Done.class, client.call(set("k" + i, "v" + i)));
        }
    }

    private static boolean allAppliedEqualAtLeast(TestCluster cluster, long index) {
        long first = cluster.nodes.get(0).state().appliedIndex();
        return first >= index
                && cluster.nodes.stream().allMatch(n -> n.state().appliedIndex() == first);
    }

    private static Request set(String key, String value) {
        return new Request.Set(ByteString.utf8(key), ByteString.utf8(value));
    }

    private static Request get(Consistency consistency, String key) {
        return new Request.Get(consistency, ByteString.utf8(key));
    }

    private static Request prefix(String prefix) {
        return new Request.PrefixKeys(Consistency.CONSISTENT, ByteString.utf8(prefix), -1);
    }
}
