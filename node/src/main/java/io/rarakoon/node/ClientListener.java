package io.rarakoon.node;

import io.rarakoon.client.protocol.ResponseEncoder;
import io.rarakoon.messenger.Acceptor;
import io.rarakoon.messenger.Stream;
import io.rarakoon.messenger.StreamHandler;
import io.rarakoon.node.config.ClientLimits;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts client connections on the client port's byte-stream transport: one {@link ClientSession}
 * per stream, at most {@link ClientLimits#connectionsMax} at once; a connection beyond that gets
 * Arakoon's "too many clients" frame and is closed (spec §2.5). When the limits close idle
 * connections, {@link #closeIdleConnections} closes each one that has had no request outstanding
 * and sent nothing for the idle timeout; {@link #startIdleSweep} runs it periodically.
 *
 * <p>Threads: stream callbacks run on the streams' I/O threads; the sweep on the scheduler's.
 */
final class ClientListener implements Acceptor {
    private static final Logger LOG = LoggerFactory.getLogger(ClientListener.class);

    /** Sweeps per idle timeout: a connection is closed at most a quarter timeout late. */
    private static final int SWEEPS_PER_IDLE_TIMEOUT = 4;

    private final String clusterId;
    private final NodeLoop loop;
    private final ClientLimits limits;
    private final Clock clock;
    private final AtomicInteger openCount = new AtomicInteger();
    private final Set<Handler> open = Collections.synchronizedSet(new LinkedHashSet<>());
    private volatile boolean sweeping;

    ClientListener(String clusterId, NodeLoop loop, ClientLimits limits, Clock clock) {
        this.clusterId = clusterId;
        this.loop = loop;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public StreamHandler accepted(Stream stream) {
        boolean accepted = openCount.incrementAndGet() <= limits.connectionsMax();
        loop.statistics().clientConnectionOpened(accepted);
        if (!accepted) {
            openCount.decrementAndGet();
            LOG.warn(
                    "refusing client {}: {} connections open",
                    stream.describe(),
                    limits.connectionsMax());
            StreamConnection refused = new StreamConnection(stream);
            refused.write(ResponseEncoder.encodeTooManyClients());
            refused.close();
            return new Handler(stream, null);
        }
        ClientSession session =
                new ClientSession(clusterId, loop, new StreamConnection(stream), limits, clock);
        Handler handler = new Handler(stream, session);
        open.add(handler);
        return handler;
    }

    /**
     * Closes every connection idle for at least the idle timeout, as of now. The idle times are
     * read here; each close runs on its connection's thread. Any thread.
     */
    void closeIdleConnections() {
        if (!limits.closesIdleConnections()) {
            return;
        }
        long nowMillis = clock.monotonicMillis();
        List<Handler> snapshot;
        synchronized (open) {
            snapshot = new ArrayList<>(open);
        }
        for (Handler handler : snapshot) {
            long idleSince = handler.session.idleSinceMillis();
            if (idleSince >= 0 && nowMillis - idleSince >= limits.idleTimeoutMillis()) {
                LOG.info(
                        "closing client {}: idle for {} ms",
                        handler.stream.describe(),
                        nowMillis - idleSince);
                handler.stream.execute(handler.stream::close);
            }
        }
    }

    /**
     * Runs {@link #closeIdleConnections} on {@code scheduler} periodically until {@link
     * #stopIdleSweep}, if the limits close idle connections.
     */
    void startIdleSweep(Scheduler scheduler) {
        if (limits.closesIdleConnections()) {
            sweeping = true;
            long periodMillis = Math.max(1, limits.idleTimeoutMillis() / SWEEPS_PER_IDLE_TIMEOUT);
            scheduler.schedule(periodMillis, () -> sweepAndReschedule(scheduler, periodMillis));
        }
    }

    /**
     * Ends the periodic sweep: a sweep that starts later does nothing and schedules no other, so
     * the scheduler can shut down. Any thread.
     */
    void stopIdleSweep() {
        sweeping = false;
    }

    private void sweepAndReschedule(Scheduler scheduler, long periodMillis) {
        if (sweeping) {
            closeIdleConnections();
            scheduler.schedule(periodMillis, () -> sweepAndReschedule(scheduler, periodMillis));
        }
    }

    /** Feeds one stream's events to its session; a refused stream has none. */
    private final class Handler implements StreamHandler {
        private final Stream stream;
        private final ClientSession session;

        Handler(Stream stream, ClientSession session) {
            this.stream = stream;
            this.session = session;
        }

        @Override
        public void opened(Stream opened) {
            // Accepted streams are open from the start; the transport does not call this.
        }

        @Override
        public void received(Stream from, ByteBuffer bytes) {
            if (session != null) {
                session.received(bytes);
            }
        }

        @Override
        public void writable(Stream ready) {
            if (session != null) {
                session.writable();
            }
        }

        @Override
        public void closed(Stream closed, String reason) {
            if (session != null) {
                session.closed();
                open.remove(this);
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
        public boolean isWritable() {
            return stream.isWritable();
        }

        @Override
        public void pauseReading() {
            stream.pauseReading();
        }

        @Override
        public void resumeReading() {
            stream.resumeReading();
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
