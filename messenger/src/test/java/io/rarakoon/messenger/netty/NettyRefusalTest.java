package io.rarakoon.messenger.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.messenger.LinkStats;
import io.rarakoon.messenger.PeerAddress;
import io.rarakoon.wire.CatchupEntry;
import io.rarakoon.wire.Handshake;
import io.rarakoon.wire.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A messenger facing misbehaving peers played by plain JDK sockets on 127.0.0.1: a handshake with
 * the wrong cluster id and a stream of garbage are both refused (the socket sees end-of-stream and
 * the refusal is counted); a peer that stops reading makes the sender drop frames instead of
 * queueing them without bound. Socket reads have a timeout, so every wait is bounded.
 */
class NettyRefusalTest {
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final WireCodec codec = new WireCodec();

    @Test
    void refusesAHandshakeWithTheWrongClusterId() throws Exception {
        byte[] handshake = codec.encode(new Handshake(Handshake.PROTOCOL_VERSION, "other", "b"));
        assertRefused(handshake);
    }

    @Test
    void refusesGarbageBytes() throws Exception {
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void refusesAnUnknownNodeName() throws Exception {
        byte[] handshake =
                codec.encode(new Handshake(Handshake.PROTOCOL_VERSION, TestNode.CLUSTER, "z"));
        assertRefused(handshake);
    }

    private void assertRefused(byte[] bytes) throws Exception {
        try (TestNode a = TestNode.bind("a", 0)) {
            a.start(List.of(new PeerAddress("b", TestNode.HOST, 1)), 8, (peer, m) -> {}, 1);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), a.port())) {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
                assertEquals(-1, socket.getInputStream().read(), "stream should be closed");
            }
            assertEquals(1, a.messenger.refusedInboundCount());
        }
    }

    @Test
    void slowConsumerMakesTheSenderDropInsteadOfQueueing() throws Exception {
        int capacityFrames = 256;
        int sendCount = 50_000;
        byte[] payload = new byte[4096];
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                TestNode a = TestNode.bind("a", 0)) {
            StalledPeer peer =
                    new StalledPeer(
                            server,
                            codec.encode(
                                    new Handshake(
                                            Handshake.PROTOCOL_VERSION, TestNode.CLUSTER, "b")));
            Thread peerThread = new Thread(peer::run);
            peerThread.start();
            a.start(
                    List.of(new PeerAddress("b", TestNode.HOST, server.getLocalPort())),
                    capacityFrames,
                    (p, m) -> {},
                    1);
            boolean linked = false;
            for (int attempt = 0; attempt < 1_000 && !linked; attempt++) {
                a.messenger.send("b", new CatchupEntry(0, new byte[0]));
                linked = peer.firstFrame.await(20, TimeUnit.MILLISECONDS);
            }
            assertTrue(linked, "peer never saw a frame");
            for (int i = 1; i <= sendCount; i++) {
                a.messenger.send("b", new CatchupEntry(i, payload));
            }
            LinkStats stats = a.stats("b");
            assertTrue(stats.queuedFrameCount() <= capacityFrames);
            assertTrue(stats.droppedBufferFullCount() > 0, stats.toString());
            assertTrue(stats.sentFrameCount() < sendCount / 2, stats.toString());
            peer.release.countDown();
            peerThread.join(TimeUnit.SECONDS.toMillis(10));
            assertEquals(null, peer.failure.get());
        }
    }

    /** Accepts one stream, answers the handshake, reads one frame, then stops reading. */
    private static final class StalledPeer {
        final CountDownLatch firstFrame = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final ServerSocket server;
        private final byte[] handshakeReply;

        StalledPeer(ServerSocket server, byte[] handshakeReply) {
            this.server = server;
            this.handshakeReply = handshakeReply;
        }

        void run() {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                readFrame(in);
                out.write(handshakeReply);
                out.flush();
                readFrame(in);
                firstFrame.countDown();
                release.await(60, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException | RuntimeException e) {
                failure.set(e);
            }
        }

        private static void readFrame(InputStream in) throws IOException {
            byte[] prefix = in.readNBytes(4);
            int length =
                    (prefix[0] & 0xff)
                            | (prefix[1] & 0xff) << 8
                            | (prefix[2] & 0xff) << 16
                            | (prefix[3] & 0xff) << 24;
            in.readNBytes(length);
        }
    }
}
