package io.rarakoon.sim;

import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.wire.MalformedFrameException;
import io.rarakoon.wire.WireCodec;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The message-level network between simulated nodes: every message is encoded to a wire-codec frame
 * on send and decoded on delivery (so codec bugs surface and no object is shared between nodes),
 * then lost, duplicated or delayed with a long tail as {@link NetworkFaults} say, and dropped when
 * a partition separates the two nodes at send or delivery time or the receiver is down on arrival.
 * Single-threaded (the world's thread).
 */
final class SimNetwork {
    /** Where the network delivers a decoded message: to the receiver's current incarnation. */
    interface Receiver {
        void deliver(int to, NodeId from, Object message);
    }

    private final World world;
    private final Trace trace;
    private final SplittableRandom random;
    private final List<NodeId> ids;
    private final Receiver receiver;
    private final WireCodec codec = new WireCodec();
    private final Incarnation always = new Incarnation();
    private final boolean[][] cut;
    private NetworkFaults faults;
    private long deliveredCount;
    private long droppedCount;

    SimNetwork(
            World world,
            Trace trace,
            SplittableRandom random,
            List<NodeId> ids,
            NetworkFaults faults,
            Receiver receiver) {
        this.world = world;
        this.trace = trace;
        this.random = random;
        this.ids = List.copyOf(ids);
        this.faults = faults;
        this.receiver = receiver;
        this.cut = new boolean[ids.size()][ids.size()];
    }

    /** Sends {@code message} from node {@code from} to node {@code to}. */
    void send(int from, NodeId to, Object message) {
        int target = ids.indexOf(to);
        if (target < 0) {
            throw new AssertionError(ids.get(from) + " sends to unknown node " + to);
        }
        byte[] frame = codec.encode(message);
        if (cut[from][target] || random.nextInt(1000) < faults.lossPerMille()) {
            droppedCount++;
            return;
        }
        int copies = random.nextInt(1000) < faults.duplicatePerMille() ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            world.after(delayNanos(), always, () -> arrive(from, target, frame));
        }
    }

    /** A message's (or a stream chunk's) delay: a minimum plus an exponential tail. */
    long delayNanos() {
        double tail = -StrictMath.log(1 - random.nextDouble()) * faults.delayTailMeanMicros();
        return (faults.delayMinMicros() + (long) tail) * 1_000;
    }

    private void arrive(int from, int to, byte[] frame) {
        if (cut[from][to]) {
            droppedCount++;
            return;
        }
        Object message;
        try {
            message = codec.decode(frame);
        } catch (MalformedFrameException e) {
            throw new AssertionError(ids.get(from) + " sent a frame it cannot read back", e);
        }
        deliveredCount++;
        trace.mix(Arrays.hashCode(frame));
        receiver.deliver(to, ids.get(from), message);
    }

    /** Replaces the fault mix (the liveness phase turns faults off). */
    void setFaults(NetworkFaults newFaults) {
        faults = newFaults;
    }

    /** Cuts every link between {@code group} (true = inside) and the rest, both ways. */
    void split(boolean[] group) {
        heal();
        for (int a = 0; a < ids.size(); a++) {
            for (int b = 0; b < ids.size(); b++) {
                cut[a][b] = group[a] != group[b];
            }
        }
        trace.line(world.nowNanos(), "partition " + describe(group));
    }

    /** Restores every link. */
    void heal() {
        for (boolean[] row : cut) {
            Arrays.fill(row, false);
        }
    }

    /** Whether a partition separates {@code from} from {@code to}. */
    boolean isCut(int from, int to) {
        return cut[from][to];
    }

    boolean isPartitioned() {
        for (boolean[] row : cut) {
            for (boolean c : row) {
                if (c) {
                    return true;
                }
            }
        }
        return false;
    }

    long deliveredCount() {
        return deliveredCount;
    }

    long droppedCount() {
        return droppedCount;
    }

    private String describe(boolean[] group) {
        StringBuilder in = new StringBuilder();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            (group[i] ? in : out).append(ids.get(i).name()).append(' ');
        }
        return "[" + in.toString().trim() + "] | [" + out.toString().trim() + "]";
    }
}
