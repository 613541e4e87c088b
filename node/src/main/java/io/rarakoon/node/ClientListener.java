package io.rarakoon.node;

import io.rarakoon.client.protocol.ResponseEncoder;
import io.rarakoon.messenger.Acceptor;
import io.rarakoon.messenger.Stream;
import io.rarakoon.messenger.StreamHandler;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts client connections on the client port's byte-stream transport: one {@link ClientSession}
 * per stream, at most {@code connectionsMax} at once ({@link Limits#CLIENT_CONNECTIONS_MAX} in
 * production); a connection beyond that gets Arakoon's "too many clients" frame and is closed (spec
 * §5.4). Callbacks run on the streams' I/O threads.
 */
final class ClientListener implements Acceptor {
    private static final Logger LOG = LoggerFactory.getLogger(ClientListener.class);

    private final String clusterId;
    private final NodeLoop loop;
    private final int connectionsMax;
    private final AtomicInteger openCount = new AtomicInteger();

    ClientListener(String clusterId, NodeLoop loop, int connectionsMax) {
        this.clusterId = clusterId;
        this.loop = loop;
        this.connectionsMax = connectionsMax;
    }

    @Override
    public StreamHandler accepted(Stream stream) {
        boolean accepted = openCount.incrementAndGet() <= connectionsMax;
        loop.statistics().clientConnectionOpened(accepted);
        if (!accepted) {
            openCount.decrementAndGet();
            LOG.warn("refusing client {}: {} connections open", stream.describe(), connectionsMax);
            StreamConnection refused = new StreamConnection(stream);
            refused.write(ResponseEncoder.encodeTooManyClients());
            refused.close();
            return new Handler(null);
        }
        return new Handler(new ClientSession(clusterId, loop, new StreamConnection(stream)));
    }

    /** Feeds one stream's bytes to its session; a refused stream has none. */
    private final class Handler implements StreamHandler {
        private final ClientSession session;

        Handler(ClientSession session) {
            this.session = session;
        }

        @Override
        public void opened(Stream stream) {
            // Accepted streams are open from the start; the transport does not call this.
        }

        @Override
        public void received(Stream stream, byte[] bytes) {
            if (session != null) {
                session.received(bytes);
            }
        }

        @Override
        public void writable(Stream stream) {
            // Answers are small and one at a time per connection; nothing waits for writability.
        }

        @Override
        public void closed(Stream stream, String reason) {
            if (session != null) {
                session.closed();
                openCount.decrementAndGet();
                loop.statistics().clientConnectionClosed();
            }
        }

        @Override
        public void connectFailed(String reason) {
            // Only outgoing connects fail; a listener never makes one.
        }
    }

    /** A {@link ClientConnection} over a transport stream. */
    private static final class StreamConnection implements ClientConnection {
        private final Stream stream;

        StreamConnection(Stream stream) {
            this.stream = stream;
        }

        @Override
        public void write(byte[] bytes) {
            stream.write(bytes);
            stream.flush();
        }

        @Override
        public void close() {
            // Queued behind the flush on the stream's thread, so the last answer goes out first.
            stream.execute(stream::close);
        }

        @Override
        public void execute(Runnable task) {
            stream.execute(task);
        }
    }
}
