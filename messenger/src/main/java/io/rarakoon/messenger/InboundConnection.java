package io.rarakoon.messenger;

import io.rarakoon.wire.FrameReader;
import io.rarakoon.wire.Handshake;
import io.rarakoon.wire.Limits;
import io.rarakoon.wire.MalformedFrameException;
import io.rarakoon.wire.WireCodec;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream a peer opened to us. Its first frame must be a valid handshake (our protocol version,
 * our cluster id, a configured node name), which we answer with our own; every later frame is a
 * message for the node's inbox. Anything else (a bad handshake, garbage, no handshake before the
 * deadline, a second handshake) closes the stream with a logged reason.
 *
 * <p>Threads: stream callbacks arrive on the stream's I/O thread, the handshake deadline on a
 * transport timer thread; this object's monitor serializes them.
 */
final class InboundConnection implements StreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(InboundConnection.class);

    private final Stream stream;
    private final String selfName;
    private final HandshakeCheck handshakeCheck;
    private final Predicate<String> knownPeer;
    private final byte[] handshakeReply;
    private final InboundSink sink;
    private final Runnable onRefused;
    private final Consumer<InboundConnection> onClosed;
    private final int frameBytesMax;
    private final FrameReader frames = new FrameReader();
    private final WireCodec codec = new WireCodec();

    /** The peer's name once its handshake is accepted; guarded by this. */
    private String peerName;

    private boolean closed;

    InboundConnection(Stream stream, PeerMessenger.Inbound inbound) {
        this.stream = stream;
        this.selfName = inbound.selfName();
        this.handshakeCheck = inbound.handshakeCheck();
        this.knownPeer = inbound.knownPeer();
        this.handshakeReply = inbound.handshakeReply();
        this.sink = inbound.sink();
        this.onRefused = inbound.onRefused();
        this.onClosed = inbound.onClosed();
        this.frameBytesMax = inbound.frameBytesMax();
    }

    @Override
    public void opened(Stream opened) {
        throw new AssertionError("accepted streams are already open");
    }

    @Override
    public synchronized void received(Stream from, ByteBuffer bytes) {
        if (closed) {
            return;
        }
        frames.feed(bytes);
        try {
            // Each pass consumes a whole frame (at least five bytes) of what was fed: bounded.
            while (!closed) {
                int bodyBytesMax =
                        peerName == null ? Limits.HANDSHAKE_FRAME_BYTES_MAX : frameBytesMax;
                Optional<Object> message = frames.nextMessage(codec, bodyBytesMax);
                if (message.isEmpty()) {
                    return;
                }
                accept(message.get());
            }
        } catch (MalformedFrameException e) {
            refuse(e.getMessage());
        }
    }

    private void accept(Object message) throws MalformedFrameException {
        if (peerName == null) {
            Handshake handshake = HandshakeReader.asHandshake(message);
            Optional<String> refusal = handshakeCheck.refusalOf(handshake, knownPeer);
            if (refusal.isPresent()) {
                refuse(refusal.get());
                return;
            }
            peerName = handshake.nodeName();
            stream.write(handshakeReply);
            stream.flush();
            LOG.info("{} accepted inbound stream from {}", selfName, peerName);
        } else if (message instanceof Handshake) {
            refuse("second handshake from " + peerName);
        } else {
            sink.deliver(peerName, message);
        }
    }

    /** Closes the stream if no valid handshake arrived in time. Any thread. */
    synchronized void handshakeDeadlinePassed(long timeoutMillis) {
        if (!closed && peerName == null) {
            refuse("no handshake within " + timeoutMillis + " ms");
        }
    }

    /** Closes the stream without counting a refusal (shutdown). Any thread. */
    synchronized void close() {
        closed = true;
        stream.close();
    }

    private void refuse(String reason) {
        LOG.warn("{} refused inbound stream {}: {}", selfName, stream.describe(), reason);
        closed = true;
        onRefused.run();
        stream.close();
    }

    @Override
    public void writable(Stream from) {
        // We only ever write our handshake here; nothing waits for writability.
    }

    @Override
    public synchronized void closed(Stream from, String reason) {
        closed = true;
        onClosed.accept(this);
        LOG.debug("{} inbound stream from {} closed: {}", selfName, peerName, reason);
    }

    @Override
    public void connectFailed(String reason) {
        throw new AssertionError("accepted streams have no connect attempt");
    }
}
