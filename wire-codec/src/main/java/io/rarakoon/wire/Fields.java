package io.rarakoon.wire;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reading and writing the field types of the wire format. Every read checks that the bytes are
 * there and that a length is within its limit before anything is allocated, and names the field
 * when it refuses. Ints and longs are 4 and 8 bytes little-endian (Kryo 5's order), lengths are
 * Kryo positive varints in their shortest form, strings are a length plus strict UTF-8, booleans
 * are one byte 0 or 1.
 */
final class Fields {
    private Fields() {}

    static long readLong(Input input, String field) {
        requireRemaining(input, field, Long.BYTES);
        return input.readLong();
    }

    static int readInt(Input input, String field) {
        requireRemaining(input, field, Integer.BYTES);
        return input.readInt();
    }

    static byte readByte(Input input, String field) {
        requireRemaining(input, field, 1);
        return input.readByte();
    }

    /**
     * Reads an element count and checks it against its limit and against the bytes left (every
     * element takes at least one byte), so a forged count cannot make us allocate.
     */
    static int readCount(Input input, String field, int countMax) {
        int count = readLength(input, field, countMax);
        int remaining = input.limit() - input.position();
        if (count > remaining) {
            throw new BadFieldException(
                    field + " " + count + " exceeds the " + remaining + " bytes left");
        }
        return count;
    }

    static boolean readBoolean(Input input, String field) {
        requireRemaining(input, field, 1);
        byte value = input.readByte();
        if (value != 0 && value != 1) {
            throw new BadFieldException(field + " byte " + value + " is neither 0 nor 1");
        }
        return value == 1;
    }

    static byte[] readBytes(Input input, String field, int bytesMax) {
        int length = readLength(input, field, bytesMax);
        requireRemaining(input, field, length);
        return input.readBytes(length);
    }

    /**
     * Reads a bytes field as the value {@code copy} makes of it (such as {@code
     * ByteString::copyOf}), copied once, straight out of the input's array (the codec's input
     * always holds the whole body in one).
     */
    static <T> T readBytes(Input input, String field, int bytesMax, RangeCopy<T> copy) {
        int length = readLength(input, field, bytesMax);
        requireRemaining(input, field, length);
        int start = input.position();
        input.setPosition(start + length);
        return copy.copy(input.getBuffer(), start, length);
    }

    static String readString(Input input, String field, int bytesMax) {
        byte[] utf8 = readBytes(input, field, bytesMax);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadFieldException(field + " is not valid UTF-8");
        }
    }

    static void writeBytes(Output output, byte[] bytes) {
        output.writeVarInt(bytes.length, true);
        output.writeBytes(bytes);
    }

    /**
     * Writes a bytes field of {@code length} bytes that {@code lend} hands to the output without a
     * copy (such as {@code ByteString::writeTo}).
     */
    static void writeBytes(Output output, int length, Consumer<Consumer<byte[]>> lend) {
        output.writeVarInt(length, true);
        lend.accept(output::writeBytes);
    }

    static void writeString(Output output, String value) {
        writeBytes(output, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The UTF-8 length of a string field, checked against its limit (for the sending side). */
    static void requireUtf8Length(String field, String value, int bytesMax) {
        int length = value.getBytes(StandardCharsets.UTF_8).length;
        if (length > bytesMax) {
            throw new IllegalArgumentException(
                    field + " length " + length + " exceeds " + bytesMax + " bytes");
        }
    }

    private static int readLength(Input input, String field, int max) {
        if (!input.canReadVarInt()) {
            throw new BadFieldException(field + " length truncated");
        }
        int start = input.position();
        int length = input.readVarInt(true);
        if (length < 0 || length > max) {
            throw new BadFieldException(field + " length " + length + " outside [0, " + max + "]");
        }
        // One value, one encoding: a padded varint would make equal messages differ in bytes.
        int varintBytes = input.position() - start;
        if (varintBytes != Output.varIntLength(length, true)) {
            throw new BadFieldException(
                    field
                            + " length "
                            + length
                            + " in "
                            + varintBytes
                            + " varint bytes, not the minimal "
                            + Output.varIntLength(length, true));
        }
        return length;
    }

    private static void requireRemaining(Input input, String field, int bytes) {
        int remaining = input.limit() - input.position();
        if (remaining < bytes) {
            throw new BadFieldException(
                    field + " truncated: needs " + bytes + " bytes, " + remaining + " remain");
        }
    }
}
