package io.rarakoon.node;

import io.rarakoon.kv.UserFunctionRegistry;
import io.rarakoon.paxos.Cluster;
import io.rarakoon.paxos.PaxosState;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.wire.MalformedFrameException;
import io.rarakoon.wire.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * An in-process cluster for tests: nodes with MemoryDisks (behind {@link FaultyDisk}) on one {@link
 * ManualScheduler} (which is also every node's clock), and a fake network that encodes each message
 * to bytes and delivers it 1 ms later to the receiver's current incarnation, or drops it when the
 * receiver is down. Messages travel as wire-codec frames, as between real nodes. Crash drops a
 * node's pending tasks and everything its disk did not force; restart recovers it through the
 * production path. Deterministic for a given seed.
 */
final class TestCluster {
    static final String CLUSTER_ID = "ring";
    static final long LEASE_MILLIS = 1_000;
    static final int ENTRIES_PER_SEGMENT = 16;

    /** One node: its disk survives crashes, its loop is replaced at each restart. */
    final class TestNode {
        final NodeId id;
        FaultyDisk disk = new FaultyDisk();

        /** Forces catch-up batches; a test without crashes may give it a thread of its own. */
        Executor syncer = Runnable::run;

        private final SplittableRandom random;
        private ManualScheduler.View scheduler;
        private NodeLoop loop;

        TestNode(NodeId id, SplittableRandom random) {
            this.id = id;
            this.random = random;
        }

        NodeLoop loop() {
            return loop;
        }

        boolean isUp() {
            return loop != null;
        }

        PaxosState state() {
            return loop.state();
        }

        void start() {
            build();
            loop.start();
        }

        /** Builds the loop over the recovered disk without starting it. */
        void build() {
            StorageOptions options =
                    new StorageOptions(
                            ENTRIES_PER_SEGMENT,
                            io.rarakoon.kv.Limits.VALUE_BYTES_MAX_DEFAULT,
                            Limits.CLIENT_KEY_BYTES_MAX,
                            UserFunctionRegistry.empty(),
                            cluster.voters().size() == 1);
            try {
                NodeStorage storage = NodeStorage.open(disk, options, Runnable::run);
                scheduler = time.view();
                PeerSender peers = (to, message) -> send(id, to, message);
                NodePorts ports =
                        new NodePorts(time, scheduler, random, peers, Runnable::run, syncer);
                loop = new NodeLoop(id, cluster, storage, ports);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The node dies and its disk is replaced by an empty one, as an operator wiping it. */
        void wipe() {
            scheduler.kill();
            loop = null;
            disk = new FaultyDisk();
        }

        /** Power loss: the loop vanishes with its pending tasks, the disk keeps what it forced. */
        void crash() {
            scheduler.kill();
            loop = null;
            disk.memory.crash();
        }

        /**
         * Power loss that may also keep a torn prefix of unforced writes, drawn from {@code tear}.
         */
        void crash(RandomGenerator tear) {
            scheduler.kill();
            loop = null;
            disk.memory.crash(tear);
        }
    }

    final ManualScheduler time = new ManualScheduler();
    private final WireCodec frames = new WireCodec();
    final Cluster cluster;
    final List<TestNode> nodes = new ArrayList<>();
    long deliveredCount;

    /** Rewrites every message before it is sent, as a network corrupting data would. */
    UnaryOperator<Object> tamper = message -> message;

    /** Messages for which this holds are lost on the way, as a lossy network would. */
    Predicate<Object> lost = message -> false;

    TestCluster(int size, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ids.add(new NodeId("n" + i));
        }
        cluster = Cluster.elected(CLUSTER_ID, ids, LEASE_MILLIS);
        for (NodeId id : ids) {
            nodes.add(new TestNode(id, root.split()));
        }
    }

    void startAll() {
        nodes.forEach(TestNode::start);
    }

    TestNode node(NodeId id) {
        return nodes.stream().filter(n -> n.id.equals(id)).findFirst().orElseThrow();
    }

    private void send(NodeId from, NodeId to, Object message) {
        byte[] frame = frames.encode(tamper.apply(message));
        if (lost.test(message)) {
            return;
        }
        time.schedule(
                1,
                () -> {
                    TestNode target = node(to);
                    if (target.isUp()) {
                        deliveredCount++;
                        target.loop().deliver(from, CLUSTER_ID, decode(frame));
                    }
                });
    }

    private Object decode(byte[] frame) {
        try {
            return frames.decode(frame);
        } catch (MalformedFrameException e) {
            throw new AssertionError("a node sent a frame it cannot read back", e);
        }
    }

    /** The node that is master with a read lease now, if exactly one is. */
    Optional<TestNode> master() {
        long now = time.monotonicMillis();
        List<TestNode> masters =
                nodes.stream()
                        .filter(TestNode::isUp)
                        .filter(n -> n.state().canServeReads(now))
                        .toList();
        return masters.size() == 1 ? Optional.of(masters.get(0)) : Optional.empty();
    }

    /** Runs until a master holds its lease; fails after a bounded number of tasks. */
    TestNode awaitMaster() {
        if (!time.runUntil(() -> master().isPresent(), 200_000)) {
            throw new AssertionError("no master after 200000 tasks");
        }
        return master().orElseThrow();
    }
}
