package io.rarakoon.messenger;

import io.rarakoon.wire.Handshake;
import io.rarakoon.wire.WireCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Messenger}: one {@link PeerLink} per configured peer for what we send, and
 * one inbound connection per stream a peer opens to us for what we receive (as in Arakoon, each
 * node sends only on the connections it opened). Transport-agnostic: it runs over Netty in
 * production and over simulated streams in the simulator, reading time only through the clock and
 * randomness only through the generator it is given.
 *
 * <p>Thread-safety: {@link #send} and {@link #stats} from any thread; {@link #start} once, then
 * {@link #close} once. Inbound messages reach the {@link InboundSink} on transport threads.
 */
public final class PeerMessenger implements Messenger, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerMessenger.class);

    private final MessengerConfig config;
    private final Transport transport;
    private final InboundSink sink;
    private final Map<String, PeerLink> links = new LinkedHashMap<>();
    private final Set<InboundConnection> inbound =
            Collections.synchronizedSet(new LinkedHashSet<>());
    private final AtomicLong refusedInboundCount = new AtomicLong();
    private final AtomicLong droppedTooLargeCount = new AtomicLong();
    private final byte[] handshakeFrame;
    private final HandshakeCheck handshakeCheck;

    /** Guarded by itself: Kryo is single-threaded. */
    private final WireCodec encoder = new WireCodec();

    private volatile boolean closed;

    /**
     * Creates a messenger; nothing happens until {@link #start}.
     *
     * @param config cluster id, names, peers and limits
     * @param transport the byte-stream port
     * @param sink where inbound messages go; must not block
     * @param monotonicMillis the node's monotonic clock in milliseconds; read from sending,
     *     transport and timer threads, so it must be thread-safe
     * @param random the node's generator; each link gets its own split, in peer order
     * @throws IllegalArgumentException if the cluster id or this node's name is empty or longer
     *     than a handshake allows, or sendBufferFramesMax is outside the leaky-buffer limits
     */
    public PeerMessenger(
            MessengerConfig config,
            Transport transport,
            InboundSink sink,
            LongSupplier monotonicMillis,
            RandomGenerator.SplittableGenerator random) {
        this.config = config;
        this.transport = transport;
        this.sink = sink;
        this.handshakeFrame =
                encoder.encode(
                        new Handshake(
                                Handshake.PROTOCOL_VERSION, config.clusterId(), config.selfName()));
        this.handshakeCheck = new HandshakeCheck(config.clusterId());
        for (PeerAddress peer : config.peers()) {
            PeerLink.Ports ports = new PeerLink.Ports(transport, monotonicMillis, random.split());
            links.put(peer.nodeName(), new PeerLink(peer, config, ports, handshakeFrame));
        }
    }

    /** Starts accepting streams and connecting to every peer. Returns at once. */
    public void start() {
        transport.listen(this::accept);
        for (PeerLink link : links.values()) {
            link.start();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The message is encoded on the calling thread (once), then queued as bytes. A message whose
     * frame exceeds {@link MessengerConfig#frameBytesMax} is dropped, counted and logged.
     */
    @Override
    public boolean send(String peerName, Object message) {
        PeerLink link = links.get(peerName);
        if (link == null) {
            throw new IllegalArgumentException("unknown peer " + peerName);
        }
        byte[] frame;
        synchronized (encoder) {
            frame = encoder.encode(message);
        }
        int bodyBytes = frame.length - io.rarakoon.wire.Limits.LENGTH_PREFIX_BYTES;
        if (bodyBytes > config.frameBytesMax()) {
            // The peer would close the stream on it, and every frame queued behind it would be
            // lost again on each reconnect; dropping it alone is what Paxos tolerates.
            droppedTooLargeCount.incrementAndGet();
            LOG.warn(
                    "{} dropped a {} to {}: frame length {} exceeds frameBytesMax {}",
                    config.selfName(),
                    message.getClass().getSimpleName(),
                    peerName,
                    bodyBytes,
                    config.frameBytesMax());
            return false;
        }
        return link.send(frame);
    }

    /** How many messages were dropped because their frame exceeded frameBytesMax. Any thread. */
    public long droppedTooLargeCount() {
        return droppedTooLargeCount.get();
    }

    /** A snapshot of every link's counters, in peer order. Any thread. */
    public List<LinkStats> stats() {
        List<LinkStats> stats = new ArrayList<>();
        for (PeerLink link : links.values()) {
            stats.add(link.stats());
        }
        return stats;
    }

    /** How many inbound streams were closed for a bad or missing handshake or bad frames. */
    public long refusedInboundCount() {
        return refusedInboundCount.get();
    }

    /**
     * Closes every link and inbound stream. Queued frames are dropped. The transport stays open: it
     * belongs to the caller.
     */
    @Override
    public void close() {
        closed = true;
        for (PeerLink link : links.values()) {
            link.close();
        }
        List<InboundConnection> open;
        synchronized (inbound) {
            open = new ArrayList<>(inbound);
            inbound.clear();
        }
        for (InboundConnection connection : open) {
            connection.close();
        }
    }

    /** What an inbound connection needs from its messenger. */
    record Inbound(
            String selfName,
            HandshakeCheck handshakeCheck,
            Predicate<String> knownPeer,
            byte[] handshakeReply,
            InboundSink sink,
            Runnable onRefused,
            Consumer<InboundConnection> onClosed,
            int frameBytesMax) {}

    private StreamHandler accept(Stream stream) {
        Inbound context =
                new Inbound(
                        config.selfName(),
                        handshakeCheck,
                        links::containsKey,
                        handshakeFrame,
                        sink,
                        refusedInboundCount::incrementAndGet,
                        inbound::remove,
                        config.frameBytesMax());
        InboundConnection connection = new InboundConnection(stream, context);
        if (closed) {
            connection.close();
            return connection;
        }
        inbound.add(connection);
        long timeoutMillis = config.connectionPolicy().handshakeTimeoutMillis();
        transport.schedule(timeoutMillis, () -> connection.handshakeDeadlinePassed(timeoutMillis));
        return connection;
    }
}
