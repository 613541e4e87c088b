package io.rarakoon.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.ClientValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Examples of bad input and the typed errors it gets (each naming field, value and limit), plus the
 * incremental {@link FrameReader} under byte-by-byte feeding. Inputs are hand-built hex frames.
 */
class WireCodecTest {
    private final WireCodec codec = new WireCodec();

    private String errorOf(String hex) {
        MalformedFrameException error =
                assertThrows(
                        MalformedFrameException.class,
                        () -> codec.decode(HexFormat.of().parseHex(hex)));
        return error.getMessage();
    }

    /** A frame around the body hex, with the correct little-endian length prefix. */
    private static String frame(String bodyHex) {
        int length = bodyHex.length() / 2;
        return String.format(
                        "%02x%02x%02x%02x",
                        length & 0xff, (length >>> 8) & 0xff, (length >>> 16) & 0xff, length >>> 24)
                + bodyHex;
    }

    private static final String INDEX_ONE = "0100000000000000";

    @Test
    void rejectsUnknownTag() {
        assertEquals("tag 200 unknown: 29 types registered", errorOf(frame("c8")));
    }

    @Test
    void rejectsOversizedAndNegativeFrameLengths() {
        assertEquals("frame length 33554433 outside [1, 33554432]", errorOf("01000002"));
        assertEquals("frame length -1 outside [1, 33554432]", errorOf("ffffffff"));
        assertEquals("frame length 0 outside [1, 33554432]", errorOf("00000000"));
    }

    @Test
    void rejectsLengthDisagreeingWithTheBytesPresent() {
        assertEquals(
                "frame length 5 does not match the 1 body bytes present", errorOf("0500000001"));
    }

    @Test
    void rejectsOversizedPayloadBeforeAllocating() {
        // CatchupEntry, index 1, payload length varint 0x7fffffff (2 GiB): refused, not allocated.
        assertEquals(
                "CatchupEntry: payload length 2147483647 outside [0, 33554368]",
                errorOf(frame("01" + INDEX_ONE + "ffffffff07")));
    }

    @Test
    void rejectsNegativeVarintLength() {
        assertEquals(
                "CatchupEntry: payload length -1 outside [0, 33554368]",
                errorOf(frame("01" + INDEX_ONE + "ffffffff0f")));
    }

    @Test
    void rejectsTruncatedFields() {
        assertEquals(
                "CatchupEntry: index truncated: needs 8 bytes, 2 remain", errorOf(frame("0100ff")));
        assertEquals(
                "CatchupEntry: payload truncated: needs 3 bytes, 1 remain",
                errorOf(frame("01" + INDEX_ONE + "0361")));
        assertEquals(
                "CatchupEntry: payload length truncated", errorOf(frame("01" + INDEX_ONE + "ff")));
    }

    @Test
    void rejectsTrailingBytes() {
        assertEquals(
                "CatchupEntry: 2 trailing bytes", errorOf(frame("01" + INDEX_ONE + "00" + "abcd")));
    }

    @Test
    void rejectsBadMagicAndBadUtf8InHandshake() {
        assertEquals(
                "Handshake: handshake magic 0xdeadbeef is not 0x52524b4e",
                errorOf(frame("00" + "efbeadde" + "01000000" + "0161" + "0162")));
        assertEquals(
                "Handshake: clusterId is not valid UTF-8",
                errorOf(frame("00" + "4e4b5252" + "01000000" + "01ff" + "0162")));
    }

    @Test
    void rejectsNegativeIndexAndNonBooleanFlag() {
        assertEquals(
                "CatchupEntry: index -1 is negative",
                errorOf(frame("01" + "ffffffffffffffff" + "00")));
        assertEquals(
                "SnapshotChunk: last byte 2 is neither 0 nor 1",
                errorOf(frame("02" + "0000000000000000" + "00" + "02")));
    }

    @Test
    void rejectsForgedUpdateCountAndUnknownValueKind() {
        // Accept term 1 index 1, client value, not synced, 200 updates claimed, 1 byte left.
        assertEquals(
                "Accept: update count 200 exceeds the 1 bytes left",
                errorOf(frame("06" + INDEX_ONE + INDEX_ONE + "63" + "00" + "c801" + "00")));
        assertEquals(
                "Accept: update count length 257 outside [0, 256]",
                errorOf(frame("06" + INDEX_ONE + INDEX_ONE + "63" + "00" + "8102")));
        assertEquals(
                "Accept: value kind 120 is neither 'c' nor 'm'",
                errorOf(frame("06" + INDEX_ONE + INDEX_ONE + "78")));
    }

    @Test
    void refusesToEncodeAnUnregisteredType() {
        assertThrows(IllegalArgumentException.class, () -> codec.encode("not a message"));
    }

    @Test
    void readerSplitsAStreamFedByteByByte() throws MalformedFrameException {
        List<Object> messages = new ArrayList<>(MessageSamples.all().values());
        List<byte[]> frames = new ArrayList<>();
        for (Object message : messages) {
            frames.add(codec.encode(message));
        }
        FrameReader reader = new FrameReader();
        List<Object> decoded = new ArrayList<>();
        for (byte[] frame : frames) {
            for (int i = 0; i < frame.length; i++) {
                reader.feed(ByteBuffer.wrap(frame, i, 1));
                reader.nextMessage(codec, Limits.FRAME_BYTES_MAX).ifPresent(decoded::add);
            }
        }
        assertEquals(messages, decoded);
        assertEquals(0, reader.pendingBytes());
    }

    @Test
    void readerCopiesWhatItIsFedSoTheCallerMayReuseItsBuffer() throws MalformedFrameException {
        Accept accept = new Accept(7, 9, new ClientValue(List.of(ByteString.utf8("abc")), false));
        byte[] frame = codec.encode(accept);
        int split = frame.length / 2;
        // As a transport hands it over: a direct buffer it refills after each call.
        ByteBuffer transport = ByteBuffer.allocateDirect(frame.length);
        transport.put(frame, 0, split).flip();
        FrameReader reader = new FrameReader();
        reader.feed(transport);
        assertEquals(0, transport.remaining(), "the feed consumes the buffer to its limit");
        transport.clear();
        transport.put(frame, split, frame.length - split).flip();
        reader.feed(transport);
        transport.clear();
        transport.put(new byte[frame.length]);
        assertEquals(accept, reader.nextMessage(codec, Limits.FRAME_BYTES_MAX).orElseThrow());
        assertEquals(0, reader.pendingBytes());
    }

    @Test
    void aFrameEncodedIntoACopyIsTheFrameAndOutlivesTheNextEncode() {
        Accept accept = new Accept(7, 9, new ClientValue(List.of(ByteString.utf8("abc")), false));
        ByteString copied = codec.encode(accept, ByteString::copyOf);
        byte[] frame = codec.encode(accept);
        codec.encode(new Accept(8, 10, new ClientValue(List.of(ByteString.utf8("xyz")), true)));
        assertEquals(ByteString.copyOf(frame), copied);
    }

    @Test
    void readerRefusesAFrameAboveTheCallersLimitBeforeItsBodyArrives() {
        FrameReader reader = new FrameReader();
        reader.feed(ByteBuffer.wrap(HexFormat.of().parseHex("01040000")));
        MalformedFrameException error =
                assertThrows(
                        MalformedFrameException.class,
                        () -> reader.nextMessage(codec, Limits.HANDSHAKE_FRAME_BYTES_MAX));
        assertEquals("frame length 1025 outside [1, 1024]", error.getMessage());
    }

    @Test
    void aFrameAtTheStartOfALargerReusedBufferDecodesAndItsUpdatesOwnTheirBytes()
            throws MalformedFrameException {
        ByteString update = ByteString.copyOf(new byte[] {1, 2, 3});
        Accept accept = new Accept(7, 9, new ClientValue(List.of(update), false));
        byte[] frame = codec.encode(accept);
        byte[] buffer = Arrays.copyOf(frame, frame.length + 16);
        Arrays.fill(buffer, frame.length, buffer.length, (byte) 0x55);
        Object decoded = codec.decode(buffer, frame.length);
        assertEquals(accept, decoded);
        Arrays.fill(buffer, (byte) 0);
        assertEquals(accept, decoded, "the decoded update is a copy, not a view of the buffer");
        assertThrows(MalformedFrameException.class, () -> codec.decode(buffer, frame.length + 1));
        assertThrows(IndexOutOfBoundsException.class, () -> codec.decode(frame, frame.length + 1));
    }

    @Test
    void largeFramesRoundTrip() throws MalformedFrameException {
        byte[] chunk = new byte[Limits.SNAPSHOT_CHUNK_BYTES_MAX];
        chunk[chunk.length - 1] = 7;
        SnapshotChunk message = new SnapshotChunk(0, chunk, true);
        byte[] frame = codec.encode(message);
        assertEquals(message, codec.decode(frame));
        FrameReader reader = new FrameReader();
        reader.feed(ByteBuffer.wrap(frame));
        SnapshotChunk decoded =
                (SnapshotChunk) reader.nextMessage(codec, Limits.FRAME_BYTES_MAX).orElseThrow();
        assertEquals(message, decoded);
        reader.feed(ByteBuffer.wrap(new byte[frame.length]));
        assertEquals(7, decoded.bytes()[chunk.length - 1], "the chunk does not share the buffer");
        assertTrue(message.toString().contains("1048576 bytes"));
    }
}
