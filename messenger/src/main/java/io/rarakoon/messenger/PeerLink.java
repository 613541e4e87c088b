package io.rarakoon.messenger;

import io.rarakoon.connection.ConnectionAction;
import io.rarakoon.connection.ConnectionEvent;
import io.rarakoon.connection.ConnectionFsm;
import io.rarakoon.connection.ConnectionPhase;
import io.rarakoon.connection.ConnectionState;
import io.rarakoon.connection.ConnectionTransition;
import io.rarakoon.leaky.LeakyBuffer;
import io.rarakoon.wire.Handshake;
import io.rarakoon.wire.MalformedFrameException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our outgoing connection to one peer: a {@link ConnectionFsm} decides when to connect, hand-shake
 * and back off; a {@link LeakyBuffer} holds encoded frames between the sending thread and the
 * stream's I/O thread; the stream carries frames only one way (peers answer on their own link).
 *
 * <p>Threads: {@link #send} runs on any thread and never blocks. Connection events (transport
 * callbacks, timer ticks, start, close) are serialized by this object's monitor; every event reads
 * the clock once and draws one entropy value from this link's own generator. Frames are written
 * only by drain passes on the connected stream's I/O thread, and only while the stream is writable,
 * so the bytes queued in the transport stay near its high-water mark and a slow peer fills the
 * buffer (whose overflow drops and counts) instead of the heap.
 */
final class PeerLink {
    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);

    private final PeerAddress peer;
    private final MessengerConfig config;
    private final Transport transport;
    private final LongSupplier clockMillis;
    private final RandomGenerator random;
    private final LeakyBuffer<byte[]> sendBuffer;
    private final byte[] handshakeFrame;
    private final HandshakeCheck handshakeCheck;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong sentFrameCount = new AtomicLong();
    private final AtomicLong droppedPeerDownCount = new AtomicLong();
    private final AtomicLong nextDropLogMillis = new AtomicLong(Long.MIN_VALUE);

    /** Guarded by this. */
    private ConnectionState state = ConnectionState.IDLE;

    /** The handler of the current connect attempt, or null; guarded by this. */
    private OutboundHandler current;

    /** The stream frames go to, non-null only while connected. */
    private volatile Stream connectedStream;

    PeerLink(PeerAddress peer, MessengerConfig config, Ports ports, byte[] handshakeFrame) {
        this.peer = peer;
        this.config = config;
        this.transport = ports.transport();
        this.clockMillis = ports.clockMillis();
        this.random = ports.random();
        this.sendBuffer = new LeakyBuffer<>(config.sendBufferFramesMax());
        this.handshakeFrame = handshakeFrame;
        this.handshakeCheck = new HandshakeCheck(config.clusterId());
    }

    /** The collaborators a link needs; {@code random} is this link's own generator. */
    record Ports(Transport transport, LongSupplier clockMillis, RandomGenerator random) {}

    /** Queues a frame, or drops it when the peer is not connected or the buffer is full. */
    boolean send(byte[] frame) {
        if (connectedStream == null) {
            droppedPeerDownCount.incrementAndGet();
            logDrops();
            return false;
        }
        if (!sendBuffer.offer(frame)) {
            logDrops();
            return false;
        }
        Stream stream = connectedStream;
        if (stream != null && stream.onIoThread()) {
            // A sender sharing the I/O thread (a node's loop) writes at once: its next step may
            // block (an fsync), and the frame should be on its way meanwhile.
            writeQueued(stream);
        } else {
            scheduleDrain();
        }
        return true;
    }

    /** At most one WARN per {@link Limits#DROP_LOG_INTERVAL_MILLIS}, with the running counts. */
    private void logDrops() {
        long nowMillis = clockMillis.getAsLong();
        long dueMillis = nextDropLogMillis.get();
        if (nowMillis >= dueMillis
                && nextDropLogMillis.compareAndSet(
                        dueMillis, nowMillis + Limits.DROP_LOG_INTERVAL_MILLIS)) {
            LOG.warn(
                    "{} dropping frames to {}: {} while not connected, {} with a full buffer",
                    config.selfName(),
                    peer.nodeName(),
                    droppedPeerDownCount.get(),
                    sendBuffer.dropCount());
        }
    }

    synchronized void start() {
        apply(ConnectionEvent.START);
    }

    synchronized void close() {
        apply(ConnectionEvent.CLOSE);
    }

    synchronized LinkStats stats() {
        return new LinkStats(
                peer.nodeName(),
                state.phase(),
                sentFrameCount.get(),
                droppedPeerDownCount.get(),
                sendBuffer.dropCount(),
                sendBuffer.size());
    }

    private synchronized void tick() {
        apply(ConnectionEvent.TICK);
    }

    /** Steps the FSM, stores the state, then performs the action (which may re-enter). */
    private void apply(ConnectionEvent event) {
        assert Thread.holdsLock(this);
        long nowMillis = clockMillis.getAsLong();
        ConnectionState before = state;
        ConnectionTransition transition =
                ConnectionFsm.step(
                        config.connectionPolicy(), before, event, nowMillis, random.nextLong());
        state = transition.state();
        if (state.equals(before) && transition.action().isEmpty()) {
            return;
        }
        onPhaseChange(before.phase(), state.phase());
        if (state.hasDeadline()) {
            transport.schedule(Math.max(0, state.deadlineMillis() - nowMillis), this::tick);
        }
        transition.action().ifPresent(this::perform);
    }

    private void onPhaseChange(ConnectionPhase before, ConnectionPhase after) {
        if (after == ConnectionPhase.CONNECTED && before != ConnectionPhase.CONNECTED) {
            LOG.info("{} connected to {}", config.selfName(), peer.nodeName());
            connectedStream = current.stream;
            scheduleDrain();
        } else if (before == ConnectionPhase.CONNECTED) {
            connectedStream = null;
            List<byte[]> discarded = new ArrayList<>();
            sendBuffer.drainTo(discarded, sendBuffer.capacityItems());
            droppedPeerDownCount.addAndGet(discarded.size());
            LOG.info(
                    "{} lost connection to {}, {} queued frames dropped",
                    config.selfName(),
                    peer.nodeName(),
                    discarded.size());
        } else {
            LOG.debug("{} link to {}: {} -> {}", config.selfName(), peer.nodeName(), before, after);
        }
    }

    private void perform(ConnectionAction action) {
        switch (action) {
            case OPEN:
                current = new OutboundHandler();
                transport.connect(peer, current);
                break;
            case SEND_HANDSHAKE:
                current.stream.write(handshakeFrame);
                current.stream.flush();
                break;
            case DISCONNECT:
                OutboundHandler abandoned = current;
                current = null;
                if (abandoned != null && abandoned.stream != null) {
                    abandoned.stream.close();
                }
                break;
            default:
                throw new AssertionError("unhandled action " + action);
        }
    }

    private void scheduleDrain() {
        Stream stream = connectedStream;
        if (stream != null && drainScheduled.compareAndSet(false, true)) {
            stream.execute(() -> drain(stream));
        }
    }

    /** A drain pass scheduled on the stream's I/O thread. */
    private void drain(Stream stream) {
        drainScheduled.set(false);
        if (stream != connectedStream) {
            // Left over from a lost stream; it may have kept the current one's drain unscheduled.
            if (sendBuffer.size() > 0) {
                scheduleDrain();
            }
            return;
        }
        writeQueued(stream);
    }

    /** On the stream's I/O thread: writes queued frames while the stream stays writable. */
    private void writeQueued(Stream stream) {
        int written = 0;
        while (written < Limits.FRAMES_PER_DRAIN_MAX
                && stream == connectedStream
                && stream.isWritable()) {
            Optional<byte[]> frame = sendBuffer.poll();
            if (frame.isEmpty()) {
                break;
            }
            stream.write(frame.get());
            written++;
        }
        if (written > 0) {
            stream.flush();
            sentFrameCount.addAndGet(written);
        }
        if (written == Limits.FRAMES_PER_DRAIN_MAX) {
            // More may be queued: yield the I/O thread, then continue.
            scheduleDrain();
        }
    }

    /** Events of one connect attempt; ignored once the attempt is no longer the current one. */
    private final class OutboundHandler implements StreamHandler {
        /** Guarded by PeerLink.this. */
        private Stream stream;

        private final HandshakeReader reader = new HandshakeReader();

        @Override
        public void opened(Stream opened) {
            synchronized (PeerLink.this) {
                if (current != this) {
                    opened.close();
                    return;
                }
                stream = opened;
                apply(ConnectionEvent.TRANSPORT_CONNECTED);
            }
        }

        @Override
        public void received(Stream from, ByteBuffer bytes) {
            synchronized (PeerLink.this) {
                if (current != this) {
                    return;
                }
                if (state.phase() != ConnectionPhase.HANDSHAKING) {
                    fail("bytes after the handshake on an outgoing stream");
                    return;
                }
                try {
                    Optional<Handshake> reply = reader.read(bytes);
                    if (reply.isEmpty()) {
                        return;
                    }
                    Optional<String> refusal =
                            handshakeCheck.refusalOf(reply.get(), peer.nodeName()::equals);
                    if (refusal.isPresent()) {
                        fail(refusal.get());
                    } else if (reader.pendingBytes() > 0) {
                        fail("bytes after the handshake on an outgoing stream");
                    } else {
                        apply(ConnectionEvent.HANDSHAKE_COMPLETED);
                    }
                } catch (MalformedFrameException e) {
                    fail(e.getMessage());
                }
            }
        }

        @Override
        public void writable(Stream ready) {
            if (ready == connectedStream) {
                drain(ready);
            }
        }

        @Override
        public void closed(Stream closed, String reason) {
            synchronized (PeerLink.this) {
                if (current == this) {
                    LOG.debug("{} stream to {} closed: {}", config.selfName(), peer, reason);
                    apply(ConnectionEvent.TRANSPORT_FAILED);
                }
            }
        }

        @Override
        public void connectFailed(String reason) {
            synchronized (PeerLink.this) {
                if (current == this) {
                    LOG.debug("{} connect to {} failed: {}", config.selfName(), peer, reason);
                    apply(ConnectionEvent.TRANSPORT_FAILED);
                }
            }
        }

        private void fail(String reason) {
            LOG.warn("{} refused {} ({}): {}", config.selfName(), peer.nodeName(), stream, reason);
            apply(ConnectionEvent.TRANSPORT_FAILED);
        }
    }
}
