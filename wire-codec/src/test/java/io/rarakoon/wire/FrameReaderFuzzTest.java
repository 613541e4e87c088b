package io.rarakoon.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of the node-to-node decoding path: {@link FrameReader} splits a
 * stream into frames and decodes each in place. An input is one split byte, one byte choosing the
 * length limit (the handshake's or the full one), then the stream, fed in two chunks cut at the
 * split. The only exception allowed is {@link MalformedFrameException}; the reader must hold no
 * more than one frame of the limit plus the chunk; and every decoded message must encode back to
 * the very frame it came from (Kryo's encoding is canonical), so a decoder that accepts what the
 * encoder never writes is a finding too.
 *
 * <p>Seeds are the encodings of {@link MessageSamples}, two frames back to back. Without
 * JAZZER_FUZZ the test replays the seeds and the findings kept under {@code
 * FrameReaderFuzzTestInputs/fuzz} in the test resources; the build's fuzz execution fuzzes for
 * {@code fuzz.seconds}.
 */
class FrameReaderFuzzTest {
    private final WireCodec codec = new WireCodec();

    static List<byte[]> fuzz() {
        WireCodec codec = new WireCodec();
        List<byte[]> frames = new ArrayList<>();
        for (Object sample : MessageSamples.all().values()) {
            frames.add(codec.encode(sample));
        }
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            byte[] first = frames.get(i);
            byte[] second = frames.get((i + 1) % frames.size());
            byte[] seed = new byte[2 + first.length + second.length];
            seed[0] = (byte) (first.length + 1);
            seed[1] = (byte) i;
            System.arraycopy(first, 0, seed, 2, first.length);
            System.arraycopy(second, 0, seed, 2 + first.length, second.length);
            seeds.add(seed);
        }
        return seeds;
    }

    @MethodSource("fuzz")
    @FuzzTest(maxDuration = "5s")
    void fuzz(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int length = input.length - 2;
        int split = Math.min(input[0] & 0xff, length);
        int frameBytesMax =
                (input[1] & 1) == 0 ? Limits.HANDSHAKE_FRAME_BYTES_MAX : Limits.FRAME_BYTES_MAX;
        FrameReader reader = new FrameReader();
        try {
            reader.feed(ByteBuffer.wrap(input, 2, split));
            int decoded = drain(reader, frameBytesMax, input, 0, split);
            reader.feed(ByteBuffer.wrap(input, 2 + split, length - split));
            drain(reader, frameBytesMax, input, decoded, length);
        } catch (MalformedFrameException expected) {
            // The typed refusal: the connection would be closed.
        }
    }

    /**
     * Decodes the complete frames fed so far; each must encode back to the stream's bytes from
     * {@code decoded} on (the stream starts at input[2]). Returns the stream bytes decoded now.
     */
    private int drain(FrameReader reader, int frameBytesMax, byte[] input, int decoded, int fed)
            throws MalformedFrameException {
        assertTrue(reader.pendingBytes() <= fed, "pending " + reader.pendingBytes());
        Optional<Object> message = reader.nextMessage(codec, frameBytesMax);
        while (message.isPresent()) {
            byte[] again = codec.encode(message.get());
            int from = 2 + decoded;
            assertArrayEquals(
                    Arrays.copyOfRange(input, from, from + again.length),
                    again,
                    message.get().toString());
            decoded += again.length;
            message = reader.nextMessage(codec, frameBytesMax);
        }
        return decoded;
    }
}
