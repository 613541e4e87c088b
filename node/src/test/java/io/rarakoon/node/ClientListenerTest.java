package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rarakoon.client.protocol.ResponseEncoder;
import io.rarakoon.messenger.netty.NettyTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * The client port over Netty on 127.0.0.1 (ephemeral port, closed by the test): with a budget of
 * one connection, a second client gets Arakoon's "too many clients" frame and then end of stream.
 * The loop behind it is built but never started. Reads wait at most ten seconds.
 */
class ClientListenerTest {
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    @Test
    void connectionBeyondTheBudgetGetsTooManyClients() throws IOException {
        TestCluster cluster = new TestCluster(3, 11);
        cluster.nodes.get(0).build();
        try (NettyTransport transport = NettyTransport.bind("127.0.0.1", 0, 1)) {
            transport.listen(
                    new ClientListener(TestCluster.CLUSTER_ID, cluster.nodes.get(0).loop(), 1));
            try (Socket first = new Socket("127.0.0.1", transport.localPort());
                    Socket second = new Socket("127.0.0.1", transport.localPort())) {
                assertEquals(true, first.isConnected());
                second.setSoTimeout(READ_TIMEOUT_MILLIS);
                InputStream in = second.getInputStream();
                byte[] expected = ResponseEncoder.encodeTooManyClients();
                assertArrayEquals(expected, in.readNBytes(expected.length));
                assertEquals(-1, in.read(), "the refused connection is closed");
            }
        }
    }
}
