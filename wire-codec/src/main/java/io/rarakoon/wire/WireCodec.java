package io.rarakoon.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Encodes messages into frames and decodes them back. A frame is a little-endian int32 body length,
 * then the body: one tag byte (the type's position in the registration list) and the message's
 * fields. Kryo runs with registration required and references off, so no class name and no
 * back-reference ever reaches the wire; each type has a hand-written serializer that validates
 * every length against {@link Limits} before allocating. Fixed-width integers are little-endian, as
 * Kryo 5's {@code Output} writes them; the length prefix follows the same order.
 * docs/wire-format.md has the layouts.
 *
 * <p>Not thread-safe (Kryo instances are not): use one codec per thread or per connection.
 */
public final class WireCodec {
    /** Kryo registers its built-in types at small ids; ours start well above them. */
    private static final int KRYO_ID_OFFSET = 100;

    private static final int TAGS_MAX = 256;

    private final Kryo kryo = new Kryo();
    private final Output output = new Output(256, -1);
    private final Input input = new Input();
    private final List<Class<?>> typesByTag = new ArrayList<>();

    /** Creates a codec knowing every type of the registration list. */
    public WireCodec() {
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        for (MessageTypes.Entry<?> entry : MessageTypes.ALL) {
            register(entry);
        }
        assert typesByTag.size() <= TAGS_MAX;
    }

    /** The registered message types in tag order. */
    public static List<Class<?>> messageTypes() {
        List<Class<?>> types = new ArrayList<>();
        for (MessageTypes.Entry<?> entry : MessageTypes.ALL) {
            types.add(entry.type());
        }
        return List.copyOf(types);
    }

    /**
     * Encodes one message as a complete frame (length prefix included).
     *
     * @return a new array holding the frame
     * @throws IllegalArgumentException if the message's type is not registered, or its body would
     *     exceed {@link Limits#FRAME_BYTES_MAX} (the sender's half of the paired length check)
     */
    public byte[] encode(Object message) {
        return encode(
                message,
                (buffer, offset, length) -> Arrays.copyOfRange(buffer, offset, offset + length));
    }

    /**
     * Encodes one message as a complete frame (length prefix included) and returns what {@code
     * copy} makes of it, copied once out of this codec's buffer.
     *
     * @throws IllegalArgumentException as {@link #encode(Object)}
     */
    public <T> T encode(Object message, RangeCopy<T> copy) {
        int tag = tagOf(message.getClass());
        output.reset();
        output.writeInt(0);
        output.writeByte(tag);
        kryo.writeObject(output, message);
        int bodyBytes = output.position() - Limits.LENGTH_PREFIX_BYTES;
        if (bodyBytes > Limits.FRAME_BYTES_MAX) {
            throw new IllegalArgumentException(
                    "frame length "
                            + bodyBytes
                            + " exceeds FRAME_BYTES_MAX "
                            + Limits.FRAME_BYTES_MAX
                            + " for "
                            + message.getClass().getSimpleName());
        }
        byte[] frame = output.getBuffer();
        frame[0] = (byte) bodyBytes;
        frame[1] = (byte) (bodyBytes >>> 8);
        frame[2] = (byte) (bodyBytes >>> 16);
        frame[3] = (byte) (bodyBytes >>> 24);
        return copy.copy(frame, 0, output.position());
    }

    /**
     * Decodes one complete frame, length prefix included.
     *
     * @throws MalformedFrameException if the prefix disagrees with the array's size or exceeds
     *     {@link Limits#FRAME_BYTES_MAX}, or the body is malformed (see {@link #decodeBody})
     */
    public Object decode(byte[] frame) throws MalformedFrameException {
        return decode(frame, frame.length);
    }

    /**
     * Decodes one complete frame, length prefix included, held in the first {@code frameBytes}
     * bytes of {@code buffer} (a buffer the caller reuses).
     *
     * @throws MalformedFrameException as {@link #decode(byte[])}
     * @throws IndexOutOfBoundsException if {@code frameBytes} exceeds the buffer
     */
    public Object decode(byte[] buffer, int frameBytes) throws MalformedFrameException {
        Objects.checkFromIndexSize(0, frameBytes, buffer.length);
        if (frameBytes < Limits.LENGTH_PREFIX_BYTES) {
            throw new MalformedFrameException(
                    "frame length prefix truncated: " + frameBytes + " bytes");
        }
        int bodyBytes = FrameReader.readLengthPrefix(buffer, 0, Limits.FRAME_BYTES_MAX);
        int actualBytes = frameBytes - Limits.LENGTH_PREFIX_BYTES;
        if (bodyBytes != actualBytes) {
            throw new MalformedFrameException(
                    "frame length "
                            + bodyBytes
                            + " does not match the "
                            + actualBytes
                            + " body bytes present");
        }
        return decodeBody(buffer, Limits.LENGTH_PREFIX_BYTES, bodyBytes);
    }

    /**
     * Decodes a frame body (tag and message) of {@code length} bytes at {@code offset}. The message
     * holds copies of what it needs, never the array.
     *
     * @throws MalformedFrameException naming the field, value and limit for an unknown tag, a
     *     truncated or malformed field, a length outside its limit, or trailing bytes
     */
    Object decodeBody(byte[] bytes, int offset, int length) throws MalformedFrameException {
        if (length < 1) {
            throw new MalformedFrameException("frame body empty: no tag");
        }
        int tag = bytes[offset] & 0xff;
        if (tag >= typesByTag.size()) {
            throw new MalformedFrameException(
                    "tag " + tag + " unknown: " + typesByTag.size() + " types registered");
        }
        Class<?> type = typesByTag.get(tag);
        input.setBuffer(bytes, offset + 1, length - 1);
        Object message;
        try {
            message = kryo.readObject(input, type);
        } catch (BadFieldException e) {
            throw new MalformedFrameException(type.getSimpleName() + ": " + e.getMessage());
        }
        int trailingBytes = input.limit() - input.position();
        if (trailingBytes != 0) {
            throw new MalformedFrameException(
                    type.getSimpleName() + ": " + trailingBytes + " trailing bytes");
        }
        return message;
    }

    /** Kryo also knows its built-in types (String, int, ...): only ours have a tag. */
    private int tagOf(Class<?> type) {
        int tag = kryo.getRegistration(type).getId() - KRYO_ID_OFFSET;
        if (tag < 0 || tag >= typesByTag.size()) {
            throw new IllegalArgumentException(type.getName() + " is not a registered message");
        }
        return tag;
    }

    private <T> void register(MessageTypes.Entry<T> entry) {
        kryo.register(entry.type(), entry.serializer().get(), KRYO_ID_OFFSET + typesByTag.size());
        typesByTag.add(entry.type());
    }
}
