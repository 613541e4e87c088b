package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.client.protocol.ResponseEncoder;
import io.rarakoon.messenger.Stream;
import io.rarakoon.messenger.netty.NettyTransport;
import io.rarakoon.node.config.ClientLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * The client port's listener. Over Netty on 127.0.0.1 (ephemeral port, closed by the test): with a
 * budget of two connections, two are served and a third gets Arakoon's "too many clients" frame and
 * then end of stream. With a fake stream and the manual clock: a connection idle one millisecond
 * less than the idle timeout stays open, one idle for the timeout is closed. The loop behind it is
 * built but never started. Reads wait at most ten seconds.
 */
class ClientListenerTest {
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final long IDLE_TIMEOUT_MILLIS = 1_000;

    private final TestCluster cluster = new TestCluster(3, 11);

    private ClientListener listener(int connectionsMax, long idleTimeoutMillis) {
        cluster.nodes.get(0).build();
        ClientLimits limits = new ClientLimits(connectionsMax, 1024, 4096, idleTimeoutMillis, 4);
        return new ClientListener(
                TestCluster.CLUSTER_ID, cluster.nodes.get(0).loop(), limits, cluster.time);
    }

    @Test
    void connectionsUpToTheBudgetAreServedAndOneMoreGetsTooManyClients() throws IOException {
        try (NettyTransport transport = NettyTransport.bind("127.0.0.1", 0, 1)) {
            transport.listen(listener(2, 0));
            try (Socket first = new Socket("127.0.0.1", transport.localPort());
                    Socket second = new Socket("127.0.0.1", transport.localPort());
                    Socket third = new Socket("127.0.0.1", transport.localPort())) {
                third.setSoTimeout(READ_TIMEOUT_MILLIS);
                InputStream in = third.getInputStream();
                byte[] expected = ResponseEncoder.encodeTooManyClients();
                assertArrayEquals(expected, in.readNBytes(expected.length));
                assertEquals(-1, in.read(), "the refused connection is closed");
                // One event-loop thread accepts in order: a refusal of the first two would be in.
                assertEquals(0, first.getInputStream().available());
                assertEquals(0, second.getInputStream().available());
            }
        }
    }

    @Test
    void closesAConnectionIdleForTheTimeoutAndNotOneMillisecondEarlier() {
        ClientListener listener = listener(2, IDLE_TIMEOUT_MILLIS);
        QuietStream stream = new QuietStream();
        listener.accepted(stream);
        cluster.time.runFor(IDLE_TIMEOUT_MILLIS - 1);
        listener.closeIdleConnections();
        assertFalse(stream.closed);
        cluster.time.runFor(1);
        listener.closeIdleConnections();
        assertTrue(stream.closed);
    }

    @Test
    void idleSweepRunsEveryQuarterTimeoutUntilStopped() {
        ClientListener listener = listener(2, IDLE_TIMEOUT_MILLIS);
        QuietStream stream = new QuietStream();
        listener.accepted(stream);
        listener.startIdleSweep(cluster.time.view());
        cluster.time.runFor(IDLE_TIMEOUT_MILLIS + IDLE_TIMEOUT_MILLIS / 4);
        assertTrue(stream.closed, "closed by the sweep at most a quarter timeout late");

        QuietStream later = new QuietStream();
        listener.accepted(later);
        listener.stopIdleSweep();
        cluster.time.runFor(10 * IDLE_TIMEOUT_MILLIS);
        assertFalse(later.closed, "no sweep after stopIdleSweep");
    }

    /** A stream whose client never sends anything; tasks run at once. */
    private static final class QuietStream implements Stream {
        boolean closed;

        @Override
        public void write(byte[] bytes) {}

        @Override
        public void flush() {}

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void pauseReading() {}

        @Override
        public void resumeReading() {}

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public boolean onIoThread() {
            return true;
        }

        @Override
        public String describe() {
            return "quiet";
        }
    }
}
