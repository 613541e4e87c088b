package io.rarakoon.messenger.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.PemTls;
import io.rarakoon.client.TestCertificates;
import io.rarakoon.messenger.PeerAddress;
import io.rarakoon.messenger.Stream;
import io.rarakoon.messenger.StreamHandler;
import io.rarakoon.wire.CatchupEntry;
import io.rarakoon.wire.Handshake;
import io.rarakoon.wire.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the messaging port, over real Netty transports on 127.0.0.1 with ephemeral ports and
 * certificates made by openssl into a temporary folder: two nodes of one CA authenticate each other
 * and exchange messages; a peer whose certificate comes from another CA, a peer without a
 * certificate and a peer sending plaintext are refused (their socket sees the stream end or the
 * handshake fail); our outgoing link refuses a listener whose certificate comes from another CA.
 * Socket reads time out and every latch wait is bounded, so nothing depends on timing.
 */
class NettyTlsTest {
    private static final int WAIT_SECONDS_MAX = 20;
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    @TempDir static Path folder;
    private static TestCertificates cluster;
    private static TestCertificates other;

    @BeforeAll
    static void makeCertificates() throws IOException {
        cluster = TestCertificates.authority(folder, "cluster-ca");
        other = TestCertificates.authority(folder, "other-ca");
    }

    private static TransportTls tls(TestCertificates ca, String name) throws IOException {
        SSLContext context = PemTls.context(ca.caCert(), Optional.of(ca.issue(name)));
        return new TransportTls(context, List.of("TLSv1.3", "TLSv1.2"), List.of(), true);
    }

    private static TestNode bind(String name, TransportTls tls) throws IOException {
        return TestNode.wrap(name, NettyTransport.bind(TestNode.HOST, 0, 1, Optional.of(tls)));
    }

    @Test
    void nodesOfOneCaExchangeMessagesOverTls() throws Exception {
        int messageCount = 1_000;
        try (TestNode a = bind("a", tls(cluster, "a"));
                TestNode b = bind("b", tls(cluster, "b"))) {
            NettyMessengerTest.Receiver atB = new NettyMessengerTest.Receiver("b", messageCount);
            a.start(List.of(b.address()), 4096, (peer, m) -> {}, 1);
            b.start(List.of(a.address()), 4096, atB::deliver, 2);
            NettyMessengerTest.awaitLink(a, "b", atB);
            for (int i = 1; i <= messageCount; i++) {
                // The send buffer holds them all, so none may be dropped.
                assertTrue(a.messenger.send("b", new CatchupEntry(i, new byte[100])));
            }
            assertTrue(atB.data.await(WAIT_SECONDS_MAX, TimeUnit.SECONDS), "all messages arrive");
            assertEquals(0, atB.outOfOrderCount.get());
        }
    }

    @Test
    void refusesAPeerWhoseCertificateComesFromAnotherCa() throws Exception {
        // The intruder trusts our CA, so only our side's check of its certificate can refuse it.
        PemTls.Identity intruder = other.issue("intruder");
        assertRefusedOverTls(PemTls.context(cluster.caCert(), Optional.of(intruder)));
    }

    @Test
    void refusesAPeerWithoutACertificate() throws Exception {
        assertRefusedOverTls(PemTls.context(cluster.caCert(), Optional.empty()));
    }

    private void assertRefusedOverTls(SSLContext peer) throws Exception {
        try (TestNode a = bind("a", tls(cluster, "a"))) {
            a.start(List.of(new PeerAddress("b", TestNode.HOST, 1)), 8, (p, m) -> {}, 1);
            byte[] handshake =
                    new WireCodec()
                            .encode(
                                    new Handshake(
                                            Handshake.PROTOCOL_VERSION, TestNode.CLUSTER, "b"));
            try (SSLSocket socket =
                    (SSLSocket)
                            peer.getSocketFactory()
                                    .createSocket(InetAddress.getLoopbackAddress(), a.port())) {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                // TLS 1.3 reports a refused client certificate only on the first read.
                assertThrows(
                        IOException.class,
                        () -> {
                            socket.startHandshake();
                            socket.getOutputStream().write(handshake);
                            socket.getOutputStream().flush();
                            if (socket.getInputStream().read() == -1) {
                                throw new IOException("end of stream");
                            }
                        });
            }
            assertEquals(0, a.messenger.refusedInboundCount(), "refused before the messenger");
        }
    }

    @Test
    void refusesPlaintextOnATlsPort() throws Exception {
        try (TestNode a = bind("a", tls(cluster, "a"))) {
            a.start(List.of(new PeerAddress("b", TestNode.HOST, 1)), 8, (p, m) -> {}, 1);
            byte[] handshake =
                    new WireCodec()
                            .encode(
                                    new Handshake(
                                            Handshake.PROTOCOL_VERSION, TestNode.CLUSTER, "b"));
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), a.port())) {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                socket.getOutputStream().write(handshake);
                socket.getOutputStream().flush();
                InputStream in = socket.getInputStream();
                assertEndsWithoutAnswer(in);
            }
        }
    }

    /** Netty may answer plaintext with a TLS alert record before closing; never with data. */
    private static void assertEndsWithoutAnswer(InputStream in) throws IOException {
        byte[] received = in.readNBytes(64);
        assertTrue(received.length < 64, "the stream ends");
        if (received.length > 0) {
            assertEquals(0x15, received[0], "only a TLS alert record may come back");
        }
    }

    @Test
    void outgoingLinkRefusesAListenerFromAnotherCa() throws Exception {
        try (NettyTransport stranger =
                        NettyTransport.bind(TestNode.HOST, 0, 1, Optional.of(tls(other, "b")));
                NettyTransport a =
                        NettyTransport.bind(TestNode.HOST, 0, 1, Optional.of(tls(cluster, "a")))) {
            stranger.listen(s -> new Outcome());
            Outcome outcome = new Outcome();
            a.connect(new PeerAddress("b", TestNode.HOST, stranger.localPort()), outcome);
            assertTrue(outcome.ended.await(WAIT_SECONDS_MAX, TimeUnit.SECONDS));
            assertTrue(
                    outcome.failure.get().startsWith("TLS handshake failed"),
                    outcome.failure.get());
        }
    }

    /** Records how an outgoing attempt ended: a stream opening, or a failed connect. */
    private static final class Outcome implements StreamHandler {
        final CountDownLatch ended = new CountDownLatch(1);
        final AtomicReference<String> failure = new AtomicReference<>("opened");

        @Override
        public void opened(Stream stream) {
            ended.countDown();
        }

        @Override
        public void received(Stream stream, ByteBuffer bytes) {}

        @Override
        public void writable(Stream stream) {}

        @Override
        public void closed(Stream stream, String reason) {}

        @Override
        public void connectFailed(String reason) {
            failure.set(reason);
            ended.countDown();
        }
    }
}
