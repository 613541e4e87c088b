package io.rarakoon.sim;

import io.rarakoon.messenger.Acceptor;
import io.rarakoon.messenger.PeerAddress;
import io.rarakoon.messenger.StreamHandler;
import io.rarakoon.paxos.message.NodeId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The stream-level network between simulated nodes, under the production messenger (through {@link
 * SimTransport}): connects, accepts and byte streams that arrive in order, split into chunks of
 * random size, with the message network's delays. Its faults: stalls (a direction holds its bytes
 * for a while), resets (both ends closed, mid-frame or not), refused connects to a node that is
 * down, connect timeouts and held bytes across a partition (TCP retransmits until the partition
 * heals), and half-open streams to a crashed node, reset when the live end next sends. A node is
 * reached at {@code sim:PORT_BASE+index}. Single-threaded (the world's thread).
 */
final class SimStreams {
    /** Port of node 0; node i listens on {@code PORT_BASE + i}. */
    static final int PORT_BASE = 10_000;

    /** How long a connect across a partition takes to fail. */
    private static final long CONNECT_TIMEOUT_NANOS = 1_000_000_000L;

    /** The first retransmission delay of bytes held by a partition or stall; doubles per retry. */
    private static final long RETRY_NANOS_MIN = 200_000_000L;

    /** The longest retransmission delay. */
    private static final long RETRY_NANOS_MAX = 1_600_000_000L;

    /** How soon after a flush that draws a reset the reset happens. */
    private static final long RESET_DELAY_NANOS_MAX = 10_000_000L;

    private record Listening(SimScheduler context, Acceptor acceptor) {}

    private final World world;
    private final Trace trace;
    private final SplittableRandom random;
    private final SimNetwork network;
    private final List<NodeId> ids;
    private final Incarnation always = new Incarnation();
    private final Map<Integer, Listening> listening = new TreeMap<>();
    private StreamFaults faults;
    private long deliveredCount;
    private long resetCount;

    SimStreams(
            World world,
            Trace trace,
            SplittableRandom random,
            SimNetwork network,
            List<NodeId> ids,
            StreamFaults faults) {
        this.world = world;
        this.trace = trace;
        this.random = random;
        this.network = network;
        this.ids = List.copyOf(ids);
        this.faults = faults;
    }

    /** Where every node but {@code node} listens: the messenger's peer list. */
    List<PeerAddress> peersOf(int node) {
        List<PeerAddress> peers = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (i != node) {
                peers.add(new PeerAddress(ids.get(i).name(), "sim", PORT_BASE + i));
            }
        }
        return peers;
    }

    /** Replaces the fault mix (the liveness phase turns faults off). */
    void setFaults(StreamFaults newFaults) {
        faults = newFaults;
    }

    StreamFaults faults() {
        return faults;
    }

    long deliveredCount() {
        return deliveredCount;
    }

    long resetCount() {
        return resetCount;
    }

    void listen(int node, SimScheduler context, Acceptor acceptor) {
        listening.put(node, new Listening(context, acceptor));
    }

    /** A connect from {@code from}: accepted, refused, or timed out across a partition. */
    void connect(int from, SimScheduler context, PeerAddress address, StreamHandler handler) {
        int to = address.port() - PORT_BASE;
        world.after(
                network.delayNanos(),
                always,
                () -> {
                    Listening target = listening.get(to);
                    if (network.isCut(from, to)) {
                        context.runAfterNanos(
                                CONNECT_TIMEOUT_NANOS,
                                () -> handler.connectFailed("connect timed out"));
                    } else if (target == null || !target.context().isAlive()) {
                        context.runAfterNanos(
                                network.delayNanos(),
                                () -> handler.connectFailed("connection refused"));
                    } else {
                        open(from, context, to, target, handler);
                    }
                });
    }

    private void open(
            int from, SimScheduler context, int to, Listening target, StreamHandler handler) {
        String name = "n" + from + "->n" + to;
        SimStream client = new SimStream(this, from, context, name);
        SimStream server = new SimStream(this, to, target.context(), name + " (accepted)");
        SimStream.pair(client, server);
        target.context().runNow(() -> server.setHandler(target.acceptor().accepted(server)));
        if (server.handler() == null) {
            return;
        }
        client.setHandler(handler);
        trace.line(world.nowNanos(), "stream " + name + " open");
        context.runAfterNanos(network.delayNanos(), () -> handler.opened(client));
    }

    /** Splits flushed writes into chunks due in order; may start a stall or plan a reset. */
    void send(SimStream from, List<byte[]> writes) {
        long due = Math.max(world.nowNanos() + network.delayNanos(), lastDue(from));
        for (byte[] write : writes) {
            for (int offset = 0; offset < write.length; ) {
                int length =
                        Math.min(write.length - offset, 1 + random.nextInt(faults.chunkBytesMax()));
                byte[] chunk = Arrays.copyOfRange(write, offset, offset + length);
                from.travelling.add(new SimStream.Chunk(chunk, due));
                offset += length;
            }
        }
        if (random.nextInt(1000) < faults.stallPerMille()) {
            long stallNanos = (1 + random.nextLong(faults.stallMillisMax())) * 1_000_000;
            from.stalledUntilNanos = world.nowNanos() + stallNanos;
            trace.line(world.nowNanos(), "stream " + from.describe() + " stalls");
        }
        if (random.nextInt(1000) < faults.resetPerMille()) {
            world.after(random.nextLong(RESET_DELAY_NANOS_MAX), always, () -> reset(from));
        }
        schedulePump(from, due);
    }

    private static long lastDue(SimStream from) {
        SimStream.Chunk last = from.travelling.peekLast();
        return last == null ? 0 : last.dueNanos();
    }

    /** Sends the end of the stream after the bytes already on the way. */
    void finish(SimStream from) {
        long due = Math.max(world.nowNanos() + network.delayNanos(), lastDue(from));
        from.travelling.add(new SimStream.Chunk(null, due));
        schedulePump(from, due);
    }

    /** {@code reader} reads again: bytes travelling towards it may go on. */
    void resumeTowards(SimStream reader) {
        SimStream from = reader.far();
        schedulePump(from, world.nowNanos());
    }

    /** Closes both ends at once, whatever is on the way. */
    void reset(SimStream end) {
        if (end.closed && end.far().closed) {
            return;
        }
        resetCount++;
        trace.line(world.nowNanos(), "stream " + end.describe() + " reset");
        end.closedBy("connection reset");
        end.far().closedBy("connection reset by peer");
    }

    private void schedulePump(SimStream from, long atNanos) {
        if (from.pumpScheduled || from.travelling.isEmpty()) {
            return;
        }
        from.pumpScheduled = true;
        world.after(atNanos - world.nowNanos(), always, () -> pump(from));
    }

    /** Delivers the due chunks of one direction, in order, unless held. */
    private void pump(SimStream from) {
        from.pumpScheduled = false;
        SimStream to = from.far();
        while (!from.travelling.isEmpty()) {
            SimStream.Chunk head = from.travelling.peek();
            long now = world.nowNanos();
            if (head.dueNanos() > now) {
                schedulePump(from, head.dueNanos());
                return;
            }
            if (!to.context.isAlive()) {
                halfOpen(from);
                return;
            }
            if (network.isCut(from.node, to.node) || now < from.stalledUntilNanos) {
                from.retryNanos =
                        Math.min(RETRY_NANOS_MAX, Math.max(RETRY_NANOS_MIN, 2 * from.retryNanos));
                schedulePump(from, now + from.retryNanos);
                return;
            }
            if (to.readingPaused) {
                return;
            }
            from.travelling.poll();
            from.retryNanos = 0;
            deliver(from, to, head);
        }
    }

    private void deliver(SimStream from, SimStream to, SimStream.Chunk chunk) {
        if (chunk.bytes() == null) {
            from.travelling.clear();
            to.closedBy("closed by peer");
            return;
        }
        if (!to.closed) {
            deliveredCount++;
            trace.mix(Arrays.hashCode(chunk.bytes()));
            to.context.runNow(() -> to.handler().received(to, ByteBuffer.wrap(chunk.bytes())));
        }
        from.delivered(chunk.bytes().length);
    }

    /** The far end's node crashed: its bytes go nowhere, and the live end hears a reset (RST). */
    private void halfOpen(SimStream from) {
        from.travelling.clear();
        if (from.context.isAlive() && !from.closed) {
            world.after(network.delayNanos(), always, () -> from.closedBy("connection reset"));
        }
    }
}
