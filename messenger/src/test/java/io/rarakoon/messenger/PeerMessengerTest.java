package io.rarakoon.messenger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.connection.ConnectionPhase;
import io.rarakoon.connection.ConnectionPolicy;
import io.rarakoon.wire.CatchupEntry;
import io.rarakoon.wire.Handshake;
import io.rarakoon.wire.MalformedFrameException;
import io.rarakoon.wire.WireCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The transport-agnostic messenger core driven step by step over {@link FakeTransport}: one thread,
 * a fake clock, the test playing the peer. Covers the outgoing handshake and its checks, drops
 * (peer down, buffer full), backpressure, writes without a hand-off from the stream's I/O thread,
 * reconnect with backoff, inbound validation and delivery, the frame limit (max_buffer_size) at and
 * one byte past it on both sides, and that a seed fixes every backoff.
 */
class PeerMessengerTest {
    private static final String CLUSTER = "ricky";
    private static final ConnectionPolicy POLICY = new ConnectionPolicy(100, 1_000, 500);
    private static final int CAPACITY_FRAMES = 4;

    private final FakeTransport transport = new FakeTransport();
    private final WireCodec codec = new WireCodec();
    private final List<String> delivered = new ArrayList<>();
    private PeerMessenger messenger = messenger(7);

    private PeerMessenger messenger(long seed) {
        MessengerConfig config =
                new MessengerConfig(
                        CLUSTER,
                        "a",
                        List.of(new PeerAddress("b", "10.0.0.2", 4000)),
                        CAPACITY_FRAMES,
                        POLICY);
        return new PeerMessenger(
                config,
                transport,
                (peer, message) -> delivered.add(peer + ":" + message),
                () -> transport.nowMillis,
                new SplittableRandom(seed));
    }

    private byte[] handshakeOf(String cluster, String node) {
        return codec.encode(new Handshake(Handshake.PROTOCOL_VERSION, cluster, node));
    }

    private LinkStats stats() {
        return messenger.stats().get(0);
    }

    private FakeTransport.FakeStream connected() {
        messenger.start();
        FakeTransport.FakeStream stream = transport.completeLatestConnect();
        stream.feed(handshakeOf(CLUSTER, "b"));
        assertEquals(ConnectionPhase.CONNECTED, stats().phase());
        return stream;
    }

    @Test
    void handshakesThenSendsFramesInOrder() throws MalformedFrameException {
        messenger.start();
        assertEquals(1, transport.connects.size());
        FakeTransport.FakeStream stream = transport.completeLatestConnect();
        assertEquals(
                new Handshake(Handshake.PROTOCOL_VERSION, CLUSTER, "a"),
                codec.decode(stream.flushed.get(0)));
        assertFalse(messenger.send("b", new CatchupEntry(1, new byte[0])));
        assertEquals(1, stats().droppedPeerDownCount());
        stream.feed(handshakeOf(CLUSTER, "b"));
        for (int i = 2; i <= 4; i++) {
            assertTrue(messenger.send("b", new CatchupEntry(i, new byte[] {(byte) i})));
        }
        transport.runTasks();
        assertEquals(4, stream.flushed.size());
        for (int i = 2; i <= 4; i++) {
            assertEquals(
                    new CatchupEntry(i, new byte[] {(byte) i}),
                    codec.decode(stream.flushed.get(i - 1)));
        }
        assertEquals(3, stats().sentFrameCount());
    }

    @Test
    void aSenderOnTheStreamsIoThreadWritesAtOnceWhileWritable() {
        FakeTransport.FakeStream stream = connected();
        stream.senderOnIoThread = true;
        assertTrue(messenger.send("b", new CatchupEntry(1, new byte[0])));
        assertEquals(2, stream.flushed.size(), "our handshake and the frame, no task run");
        stream.setWritable(false);
        assertTrue(messenger.send("b", new CatchupEntry(2, new byte[0])));
        assertEquals(2, stream.flushed.size());
        assertEquals(1, stats().queuedFrameCount());
        stream.setWritable(true);
        assertEquals(3, stream.flushed.size());
        assertEquals(2, stats().sentFrameCount());
    }

    @Test
    void refusesAReplyFromAnotherClusterAndRetriesAfterBackoff() {
        messenger.start();
        FakeTransport.FakeStream stream = transport.completeLatestConnect();
        stream.feed(handshakeOf("other", "b"));
        assertTrue(stream.closed);
        assertEquals(ConnectionPhase.BACKING_OFF, stats().phase());
        // The first failure backs off at most the minimum delay.
        transport.advanceMillis(POLICY.reconnectDelayMillisMin());
        assertEquals(2, transport.connects.size());
        assertEquals(ConnectionPhase.CONNECTING, stats().phase());
    }

    @Test
    void refusesAReplyFromTheWrongNode() {
        messenger.start();
        FakeTransport.FakeStream stream = transport.completeLatestConnect();
        stream.feed(handshakeOf(CLUSTER, "c"));
        assertTrue(stream.closed);
        assertEquals(ConnectionPhase.BACKING_OFF, stats().phase());
    }

    @Test
    void fullBufferDropsAndWritabilityResumesTheDrain() {
        FakeTransport.FakeStream stream = connected();
        stream.setWritable(false);
        int sendCount = CAPACITY_FRAMES + 5;
        for (int i = 0; i < sendCount; i++) {
            messenger.send("b", new CatchupEntry(i, new byte[0]));
        }
        transport.runTasks();
        assertEquals(CAPACITY_FRAMES, stats().queuedFrameCount());
        assertEquals(5, stats().droppedBufferFullCount());
        assertEquals(1, stream.flushed.size()); // only our handshake
        stream.setWritable(true);
        assertEquals(0, stats().queuedFrameCount());
        assertEquals(1 + CAPACITY_FRAMES, stream.flushed.size());
    }

    @Test
    void lostConnectionDropsQueuedFramesAndReconnectsWithBackoff() {
        FakeTransport.FakeStream stream = connected();
        stream.setWritable(false);
        for (int i = 0; i < 3; i++) {
            messenger.send("b", new CatchupEntry(i, new byte[0]));
        }
        stream.closeFromPeer();
        assertEquals(ConnectionPhase.BACKING_OFF, stats().phase());
        assertEquals(3, stats().droppedPeerDownCount());
        assertEquals(0, stats().queuedFrameCount());
        // First failure after a good handshake: the delay is at most the minimum ceiling.
        transport.advanceMillis(POLICY.reconnectDelayMillisMin());
        assertEquals(2, transport.connects.size());
    }

    @Test
    void connectThatNeverCompletesTimesOutAndALateOpenIsClosed() {
        messenger.start();
        transport.advanceMillis(POLICY.handshakeTimeoutMillis());
        assertEquals(ConnectionPhase.BACKING_OFF, stats().phase());
        FakeTransport.FakeStream late = transport.completeLatestConnect();
        assertTrue(late.closed);
        assertEquals(ConnectionPhase.BACKING_OFF, stats().phase());
    }

    @Test
    void inboundStreamIsAnsweredThenDelivers() throws MalformedFrameException {
        messenger.start();
        FakeTransport.FakeStream inbound = transport.openInbound();
        inbound.feed(handshakeOf(CLUSTER, "b"));
        assertEquals(
                new Handshake(Handshake.PROTOCOL_VERSION, CLUSTER, "a"),
                codec.decode(inbound.flushed.get(0)));
        byte[] frame = codec.encode(new CatchupEntry(5, new byte[] {1}));
        // Split across two reads: frames are reassembled.
        inbound.feed(java.util.Arrays.copyOfRange(frame, 0, 3));
        inbound.feed(java.util.Arrays.copyOfRange(frame, 3, frame.length));
        assertEquals(List.of("b:" + new CatchupEntry(5, new byte[] {1})), delivered);
        inbound.feed(handshakeOf(CLUSTER, "b"));
        assertTrue(inbound.closed);
        assertEquals(1, messenger.refusedInboundCount());
    }

    @Test
    void inboundMessageBeforeHandshakeIsRefused() {
        messenger.start();
        FakeTransport.FakeStream inbound = transport.openInbound();
        inbound.feed(codec.encode(new CatchupEntry(5, new byte[0])));
        assertTrue(inbound.closed);
        assertEquals(List.of(), delivered);
        assertEquals(1, messenger.refusedInboundCount());
    }

    @Test
    void inboundWithoutHandshakeIsClosedAtTheDeadline() {
        messenger.start();
        FakeTransport.FakeStream inbound = transport.openInbound();
        transport.advanceMillis(POLICY.handshakeTimeoutMillis() - 1);
        assertFalse(inbound.closed);
        transport.advanceMillis(1);
        assertTrue(inbound.closed);
        assertEquals(1, messenger.refusedInboundCount());
    }

    /** A messenger whose frames may carry at most {@code frameBytesMax} body bytes. */
    private PeerMessenger messengerWithFrameLimit(int frameBytesMax) {
        MessengerConfig config =
                new MessengerConfig(
                        CLUSTER,
                        "a",
                        List.of(new PeerAddress("b", "10.0.0.2", 4000)),
                        CAPACITY_FRAMES,
                        POLICY,
                        frameBytesMax);
        return new PeerMessenger(
                config,
                transport,
                (peer, message) -> delivered.add(peer + ":" + message),
                () -> transport.nowMillis,
                new SplittableRandom(7));
    }

    /** The body length (tag and message) of a catch-up entry with a payload of that size. */
    private int bodyBytes(int payloadBytes) {
        return codec.encode(new CatchupEntry(1, new byte[payloadBytes])).length
                - io.rarakoon.wire.Limits.LENGTH_PREFIX_BYTES;
    }

    @Test
    void sendsAFrameOfFrameBytesMaxAndDropsOneByteMore() {
        messenger = messengerWithFrameLimit(bodyBytes(2000));
        FakeTransport.FakeStream stream = connected();
        assertTrue(messenger.send("b", new CatchupEntry(1, new byte[2000])));
        assertFalse(messenger.send("b", new CatchupEntry(1, new byte[2001])));
        transport.runTasks();
        assertEquals(2, stream.flushed.size(), "our handshake and the frame at the limit");
        assertEquals(1, messenger.droppedTooLargeCount());
        assertEquals(ConnectionPhase.CONNECTED, stats().phase());
    }

    @Test
    void acceptsAnInboundFrameOfFrameBytesMaxAndRefusesOneByteMore() {
        messenger = messengerWithFrameLimit(bodyBytes(2000));
        messenger.start();
        FakeTransport.FakeStream inbound = transport.openInbound();
        inbound.feed(handshakeOf(CLUSTER, "b"));
        inbound.feed(codec.encode(new CatchupEntry(1, new byte[2000])));
        assertEquals(1, delivered.size());
        assertFalse(inbound.closed);
        inbound.feed(codec.encode(new CatchupEntry(2, new byte[2001])));
        assertTrue(inbound.closed);
        assertEquals(1, delivered.size());
        assertEquals(1, messenger.refusedInboundCount());
    }

    @Test
    void theSeedFixesEveryBackoff() {
        assertEquals(connectTimes(11), connectTimes(11));
    }

    /** Fails every attempt at once for a while and records when each new attempt started. */
    private List<Long> connectTimes(long seed) {
        FakeTransport fresh = new FakeTransport();
        PeerMessenger subject =
                new PeerMessenger(
                        new MessengerConfig(
                                CLUSTER,
                                "a",
                                List.of(new PeerAddress("b", "10.0.0.2", 4000)),
                                CAPACITY_FRAMES,
                                POLICY),
                        fresh,
                        (peer, message) -> {},
                        () -> fresh.nowMillis,
                        new SplittableRandom(seed));
        subject.start();
        List<Long> times = new ArrayList<>();
        for (int step = 0; step < 200 && times.size() < 10; step++) {
            if (fresh.connects.size() > times.size()) {
                times.add(fresh.nowMillis);
                fresh.connects.get(fresh.connects.size() - 1).handler().connectFailed("refused");
            }
            fresh.advanceMillis(50);
        }
        assertEquals(10, times.size());
        return times;
    }
}
