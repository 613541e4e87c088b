package io.rarakoon.messenger;

import io.rarakoon.wire.FrameReader;
import io.rarakoon.wire.Handshake;
import io.rarakoon.wire.Limits;
import io.rarakoon.wire.MalformedFrameException;
import io.rarakoon.wire.WireCodec;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Reads the peer's handshake reply on an outgoing stream: one frame, at most {@link
 * Limits#HANDSHAKE_FRAME_BYTES_MAX}, which must be a {@link Handshake}. Used under its link's lock.
 */
final class HandshakeReader {
    private final FrameReader frames = new FrameReader();
    private final WireCodec codec = new WireCodec();

    /**
     * Feeds bytes; returns the handshake once its frame is complete.
     *
     * @throws MalformedFrameException if the frame is malformed or is not a handshake
     */
    Optional<Handshake> read(ByteBuffer bytes) throws MalformedFrameException {
        frames.feed(bytes);
        Optional<Object> message = frames.nextMessage(codec, Limits.HANDSHAKE_FRAME_BYTES_MAX);
        if (message.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(asHandshake(message.get()));
    }

    /** Bytes received beyond the handshake frame. */
    int pendingBytes() {
        return frames.pendingBytes();
    }

    static Handshake asHandshake(Object message) throws MalformedFrameException {
        if (message instanceof Handshake handshake) {
            return handshake;
        }
        throw new MalformedFrameException(
                "first frame is a " + message.getClass().getSimpleName() + ", not a Handshake");
    }
}
