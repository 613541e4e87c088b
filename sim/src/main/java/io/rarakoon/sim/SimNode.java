package io.rarakoon.sim;

import io.rarakoon.messenger.MessengerConfig;
import io.rarakoon.messenger.PeerMessenger;
import io.rarakoon.node.ClientCall;
import io.rarakoon.node.CorruptStorageException;
import io.rarakoon.node.Node;
import io.rarakoon.node.NodeLoop;
import io.rarakoon.node.NodePorts;
import io.rarakoon.node.NodeStorage;
import io.rarakoon.node.PeerSender;
import io.rarakoon.node.StorageOptions;
import io.rarakoon.paxos.Cluster;
import io.rarakoon.paxos.PaxosState;
import io.rarakoon.paxos.message.NodeId;
import java.io.IOException;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One simulated node: its disk survives crashes; each start builds a fresh production {@link
 * NodeLoop} over storage recovered from that disk through the production path ({@link
 * NodeStorage#open}), with the node's clock, a scheduler and background executor in the world's
 * queue, and the simulated network as its peer sender.
 */
final class SimNode {
    /** What the simulation wants to hear about a node. */
    interface Listener {
        /** After every task of the node (the invariant checks). */
        void afterTask(SimNode node);

        /** The node's loop or background work threw; the incarnation has ended. */
        void failed(SimNode node, Throwable error, boolean faultInjected);

        /** Storage did not open; the node stays down. */
        void refusedToStart(SimNode node, IOException error, boolean faultInjected);
    }

    final int index;
    final NodeId id;
    final SimClock clock;
    private final World world;
    private final Cluster cluster;
    private final StorageOptions options;
    private final SimNetwork network;
    private final SplittableRandom random;
    private final SplittableRandom diskRandom;
    private DiskFaults diskFaults;
    private final Plant plant;
    private final boolean corruptible;
    private final Listener listener;
    private Optional<SimStreams> streams = Optional.empty();
    private SimDisk disk;
    private Incarnation incarnation;
    private NodeLoop loop;
    private long faultsAtStart;
    private int startCount;

    SimNode(
            int index,
            NodeId id,
            World world,
            SimClock clock,
            Cluster cluster,
            StorageOptions options,
            SimNetwork network,
            SplittableRandom random,
            DiskFaults diskFaults,
            Plant plant,
            boolean corruptible,
            Listener listener) {
        this.index = index;
        this.id = id;
        this.world = world;
        this.clock = clock;
        this.cluster = cluster;
        this.options = options;
        this.network = network;
        this.random = random;
        this.diskRandom = random.split();
        this.diskFaults = diskFaults;
        this.plant = plant;
        this.corruptible = corruptible;
        this.listener = listener;
        this.disk = new SimDisk(diskRandom.split(), diskFaults, plant, corruptible);
    }

    boolean isUp() {
        return loop != null;
    }

    /** The running loop; only while up. */
    NodeLoop loop() {
        return loop;
    }

    /** The core's state; only while up. */
    PaxosState state() {
        return loop.state();
    }

    SimDisk disk() {
        return disk;
    }

    /** Times the node was started. */
    int startCount() {
        return startCount;
    }

    /** Recovers the node from its disk and starts its loop; on failure the node stays down. */
    void start() {
        if (isUp()) {
            throw new IllegalStateException(id + " is already up");
        }
        startCount++;
        Incarnation life = new Incarnation();
        faultsAtStart = disk.faultCount();
        SimScheduler scheduler =
                new SimScheduler(
                        world,
                        life,
                        clock,
                        error -> onFailure(life, error),
                        () -> listener.afterTask(this));
        NodeStorage storage;
        try {
            storage = NodeStorage.open(disk, options, scheduler);
        } catch (IOException e) {
            life.end();
            listener.refusedToStart(this, e, disk.faultCount() > faultsAtStart || isCorrupt(e));
            return;
        }
        incarnation = life;
        Optional<PeerMessenger> messenger = streams.map(s -> messenger(s, scheduler));
        PeerSender peers =
                messenger.isPresent()
                        ? (to, message) -> messenger.get().send(to.name(), message)
                        : (to, message) -> network.send(index, to, message);
        // The syncer runs at once: the loop waits for a started force, which one simulated thread
        // could never finish if it were a task of its own.
        NodePorts ports =
                new NodePorts(clock, scheduler, random.split(), peers, scheduler, Runnable::run);
        loop = new NodeLoop(id, cluster, storage, ports);
        loop.start();
        messenger.ifPresent(PeerMessenger::start);
    }

    /**
     * Carries this node's peer traffic on {@code network}'s streams through the production
     * messenger, from the next start on, instead of the message-level network.
     */
    void carryPeersOn(SimStreams network) {
        streams = Optional.of(network);
    }

    private PeerMessenger messenger(SimStreams network, SimScheduler scheduler) {
        MessengerConfig config =
                new MessengerConfig(
                        cluster.clusterId(),
                        id.name(),
                        network.peersOf(index),
                        network.faults().sendBufferFramesMax(),
                        Node.PEER_POLICY);
        return new PeerMessenger(
                config,
                new SimTransport(network, index, scheduler),
                (peer, message) -> deliver(new NodeId(peer), message),
                clock::monotonicMillis,
                random.split());
    }

    private boolean isCorrupt(IOException e) {
        return e instanceof CorruptStorageException && disk.faultCount() > 0 && corruptible;
    }

    private void onFailure(Incarnation life, Throwable error) {
        if (life != incarnation) {
            return;
        }
        boolean injected = disk.faultCount() > faultsAtStart;
        stopIncarnation();
        disk.crash();
        listener.failed(this, error, injected);
    }

    /** Power loss: the loop and its pending tasks vanish, the disk keeps what it forced. */
    void crash() {
        stopIncarnation();
        disk.crash();
    }

    /** The node loses power at its next fsync, in the middle of a turn. */
    void crashAtNextFsync() {
        disk.armPowerCut();
    }

    /** The node is down and an operator replaces its disk with an empty one. */
    void wipe() {
        if (isUp()) {
            throw new IllegalStateException(id + " must be down to be wiped");
        }
        disk = new SimDisk(diskRandom.split(), diskFaults, plant, corruptible);
    }

    /** Turns the disk's faults off (liveness phase) or on. */
    void setDiskFaults(DiskFaults faults) {
        diskFaults = faults;
        disk.setFaults(faults);
    }

    /** Hands a peer's message to the running loop; dropped while down. */
    void deliver(NodeId from, Object message) {
        if (isUp()) {
            loop.deliver(from, cluster.clusterId(), message);
        }
    }

    /** Hands a client call to the running loop; returns false (call lost) while down. */
    boolean submit(ClientCall call) {
        if (!isUp()) {
            return false;
        }
        loop.submit(call);
        return true;
    }

    /** The incarnation of the running loop, for tasks that belong to it. */
    Optional<Incarnation> incarnation() {
        return Optional.ofNullable(isUp() ? incarnation : null);
    }

    private void stopIncarnation() {
        if (incarnation != null) {
            incarnation.end();
        }
        incarnation = null;
        loop = null;
    }
}
