package io.rarakoon.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.messenger.Stream;
import io.rarakoon.messenger.StreamHandler;
import io.rarakoon.paxos.message.NodeId;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The stream-level network of the simulator on its own: two nodes, one listening, streams driven by
 * hand in a world, checking what a TCP stream promises (bytes in order, whole, however they are
 * chunked and stalled) and how it fails (refused connects, resets on both ends, half-open streams
 * to a crashed node, bytes held across a partition).
 */
class SimStreamsTest {
    private static final long RUN_NANOS = 60_000_000_000L;

    /** Large chunks, no stall, no reset. */
    private static final StreamFaults QUIET = new StreamFaults(64 * 1024, 0, 1, 0, 16);

    private final Trace trace = new Trace();
    private final World world = new World(trace);
    private final List<NodeId> ids = List.of(new NodeId("n0"), new NodeId("n1"));
    private final SimNetwork network =
            new SimNetwork(
                    world,
                    trace,
                    new SplittableRandom(1),
                    ids,
                    NetworkFaults.NONE,
                    (to, from, message) -> {});
    private final Incarnation clientLife = new Incarnation();
    private final Incarnation serverLife = new Incarnation();
    private final SimScheduler client = scheduler(clientLife);
    private final SimScheduler server = scheduler(serverLife);

    @Test
    void bytesArriveWholeAndInOrderThroughSmallChunksAndStalls() {
        SimStreams streams = streams(new StreamFaults(7, 500, 300, 0, 16));
        Recorder accepted = listen(streams);
        Recorder connecting = connect(streams);
        Stream stream = connecting.opened.orElseThrow();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        SplittableRandom random = new SplittableRandom(7);
        for (int write = 0; write < 200; write++) {
            byte[] bytes = new byte[1 + random.nextInt(300)];
            random.nextBytes(bytes);
            stream.write(bytes);
            sent.writeBytes(bytes);
            if (write % 10 == 9) {
                stream.flush();
            }
        }
        world.runUntil(() -> false, world.nowNanos() + RUN_NANOS);
        assertArrayEquals(sent.toByteArray(), accepted.received.toByteArray());
        assertTrue(accepted.reads > 200, "reads " + accepted.reads + ": writes were not split");
        assertTrue(stream.isWritable(), "a drained stream is writable");
    }

    @Test
    void aConnectToANodeThatDoesNotListenIsRefused() {
        SimStreams streams = streams(QUIET);
        Recorder connecting = new Recorder();
        streams.connect(0, client, streams.peersOf(0).get(0), connecting);
        world.runUntil(() -> false, RUN_NANOS);
        assertEquals(Optional.of("connection refused"), connecting.failed);
    }

    @Test
    void aResetClosesBothEnds() {
        SimStreams streams = streams(new StreamFaults(1024, 0, 1, 1000, 16));
        Recorder accepted = listen(streams);
        Recorder connecting = connect(streams);
        Stream stream = connecting.opened.orElseThrow();
        stream.write(new byte[10]);
        stream.flush();
        world.runUntil(() -> false, world.nowNanos() + RUN_NANOS);
        assertEquals(Optional.of("connection reset"), connecting.closed);
        assertEquals(Optional.of("connection reset by peer"), accepted.closed);
        assertEquals(1, streams.resetCount());
    }

    @Test
    void writingToACrashedNodeResetsTheLiveEnd() {
        SimStreams streams = streams(QUIET);
        listen(streams);
        Recorder connecting = connect(streams);
        serverLife.end();
        Stream stream = connecting.opened.orElseThrow();
        stream.write(new byte[10]);
        stream.flush();
        world.runUntil(() -> false, world.nowNanos() + RUN_NANOS);
        assertEquals(Optional.of("connection reset"), connecting.closed);
    }

    @Test
    void aPartitionHoldsBytesUntilItHeals() {
        SimStreams streams = streams(QUIET);
        Recorder accepted = listen(streams);
        Stream stream = connect(streams).opened.orElseThrow();
        network.split(new boolean[] {true, false});
        stream.write(new byte[] {1, 2, 3});
        stream.flush();
        world.runUntil(() -> false, world.nowNanos() + RUN_NANOS);
        assertEquals(0, accepted.received.size(), "bytes crossed a partition");
        network.heal();
        world.runUntil(() -> false, world.nowNanos() + RUN_NANOS);
        assertArrayEquals(new byte[] {1, 2, 3}, accepted.received.toByteArray());
    }

    private SimStreams streams(StreamFaults faults) {
        return new SimStreams(world, trace, new SplittableRandom(3), network, ids, faults);
    }

    private SimScheduler scheduler(Incarnation life) {
        return new SimScheduler(
                world,
                life,
                new SimClock(world, 0, 0),
                error -> {
                    throw new AssertionError("a stream event threw", error);
                },
                () -> {});
    }

    private Recorder listen(SimStreams streams) {
        Recorder accepted = new Recorder();
        streams.listen(1, server, stream -> accepted);
        return accepted;
    }

    private Recorder connect(SimStreams streams) {
        Recorder connecting = new Recorder();
        streams.connect(0, client, streams.peersOf(0).get(0), connecting);
        world.runUntil(() -> connecting.opened.isPresent(), RUN_NANOS);
        return connecting;
    }

    /** Records what one stream's handler hears. */
    private static final class Recorder implements StreamHandler {
        Optional<Stream> opened = Optional.empty();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        int reads;
        Optional<String> closed = Optional.empty();
        Optional<String> failed = Optional.empty();

        @Override
        public void opened(Stream stream) {
            opened = Optional.of(stream);
        }

        @Override
        public void received(Stream stream, ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            received.writeBytes(copy);
            reads++;
        }

        @Override
        public void writable(Stream stream) {}

        @Override
        public void closed(Stream stream, String reason) {
            closed = Optional.of(reason);
        }

        @Override
        public void connectFailed(String reason) {
            failed = Optional.of(reason);
        }
    }
}
