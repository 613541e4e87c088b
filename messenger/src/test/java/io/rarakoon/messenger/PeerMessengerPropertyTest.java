package io.rarakoon.messenger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.connection.ConnectionPhase;
import io.rarakoon.connection.ConnectionPolicy;
import io.rarakoon.wire.CatchupEntry;
import io.rarakoon.wire.Handshake;
import io.rarakoon.wire.WireCodec;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Stateful property test of one peer link over {@link FakeTransport}: random sequences of sends,
 * connects that succeed or fail, good and bad handshake replies, peer closes, writability flips and
 * clock advances. After every step, every send is accounted for exactly (sent + dropped while down
 * + dropped when full + still queued = sends), the buffer never exceeds its capacity, and a
 * connected link always has an open stream. Single-threaded, so every run is exact.
 */
class PeerMessengerPropertyTest {
    private static final String CLUSTER = "ricky";
    private static final ConnectionPolicy POLICY = new ConnectionPolicy(20, 400, 100);
    private static final int CAPACITY_FRAMES = 3;

    enum Kind {
        SEND,
        COMPLETE_CONNECT,
        FAIL_CONNECT,
        GOOD_REPLY,
        BAD_REPLY,
        PEER_CLOSES,
        FLIP_WRITABLE,
        ADVANCE
    }

    record Step(Kind kind, int millis) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(
                        Arbitraries.of(Kind.class), Arbitraries.integers().between(1, 300))
                .as(Step::new)
                .list()
                .ofMaxSize(80);
    }

    @Property(tries = 300)
    void everySendIsAccountedForAndCapacityHolds(
            @ForAll("steps") List<Step> steps, @ForAll long seed) {
        FakeTransport transport = new FakeTransport();
        WireCodec codec = new WireCodec();
        PeerMessenger messenger =
                new PeerMessenger(
                        new MessengerConfig(
                                CLUSTER,
                                "a",
                                List.of(new PeerAddress("b", "10.0.0.2", 4000)),
                                CAPACITY_FRAMES,
                                POLICY),
                        transport,
                        (peer, message) -> {},
                        () -> transport.nowMillis,
                        new SplittableRandom(seed));
        messenger.start();
        FakeTransport.FakeStream stream = null;
        int completedConnects = 0;
        long sendCount = 0;
        for (Step step : steps) {
            switch (step.kind()) {
                case SEND:
                    messenger.send("b", new CatchupEntry(sendCount, new byte[0]));
                    sendCount++;
                    transport.runTasks();
                    break;
                case COMPLETE_CONNECT:
                    if (transport.connects.size() > completedConnects) {
                        completedConnects = transport.connects.size();
                        stream = transport.completeLatestConnect();
                    }
                    break;
                case FAIL_CONNECT:
                    if (transport.connects.size() > completedConnects) {
                        completedConnects = transport.connects.size();
                        transport.connects.get(completedConnects - 1).handler().connectFailed("no");
                        transport.runTasks();
                    }
                    break;
                case GOOD_REPLY:
                case BAD_REPLY:
                    if (stream != null && !stream.closed) {
                        String cluster = step.kind() == Kind.GOOD_REPLY ? CLUSTER : "other";
                        stream.feed(
                                codec.encode(
                                        new Handshake(Handshake.PROTOCOL_VERSION, cluster, "b")));
                    }
                    break;
                case PEER_CLOSES:
                    if (stream != null && !stream.closed) {
                        stream.closeFromPeer();
                    }
                    break;
                case FLIP_WRITABLE:
                    if (stream != null) {
                        stream.setWritable(!stream.writable);
                    }
                    break;
                case ADVANCE:
                    transport.advanceMillis(step.millis());
                    break;
                default:
                    throw new AssertionError("unhandled step " + step);
            }
            LinkStats stats = messenger.stats().get(0);
            assertTrue(stats.queuedFrameCount() <= CAPACITY_FRAMES);
            assertEquals(
                    sendCount,
                    stats.sentFrameCount()
                            + stats.droppedPeerDownCount()
                            + stats.droppedBufferFullCount()
                            + stats.queuedFrameCount(),
                    stats.toString());
            if (stats.phase() == ConnectionPhase.CONNECTED) {
                assertFalse(stream.closed);
            }
        }
        messenger.close();
        assertEquals(ConnectionPhase.CLOSED, messenger.stats().get(0).phase());
    }
}
