package io.rarakoon.messenger.netty;

import io.rarakoon.connection.ConnectionPolicy;
import io.rarakoon.messenger.InboundSink;
import io.rarakoon.messenger.LinkStats;
import io.rarakoon.messenger.MessengerConfig;
import io.rarakoon.messenger.PeerAddress;
import io.rarakoon.messenger.PeerMessenger;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/** One messenger over its own Netty transport on 127.0.0.1, for the loopback tests. */
final class TestNode implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final String CLUSTER = "ricky";
    static final ConnectionPolicy POLICY = new ConnectionPolicy(10, 200, 5_000);

    final String name;
    final NettyTransport transport;
    PeerMessenger messenger;

    private TestNode(String name, NettyTransport transport) {
        this.name = name;
        this.transport = transport;
    }

    /** Binds a transport (port 0 = ephemeral); the messenger comes later, once peers are known. */
    static TestNode bind(String name, int port) throws IOException {
        return wrap(name, NettyTransport.bind(HOST, port, 1));
    }

    /** A node on a transport the test bound itself (with TLS, say). */
    static TestNode wrap(String name, NettyTransport transport) {
        return new TestNode(name, transport);
    }

    int port() {
        return transport.localPort();
    }

    void start(List<PeerAddress> peers, int sendBufferFramesMax, InboundSink sink, long seed) {
        start(new MessengerConfig(CLUSTER, name, peers, sendBufferFramesMax, POLICY), sink, seed);
    }

    void start(MessengerConfig config, InboundSink sink, long seed) {
        messenger =
                new PeerMessenger(
                        config,
                        transport,
                        sink,
                        () -> System.nanoTime() / 1_000_000,
                        new SplittableRandom(seed));
        messenger.start();
    }

    PeerAddress address() {
        return new PeerAddress(name, HOST, port());
    }

    LinkStats stats(String peer) {
        return messenger.stats().stream()
                .filter(s -> s.peerName().equals(peer))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public void close() {
        if (messenger != null) {
            messenger.close();
        }
        transport.close();
    }
}
