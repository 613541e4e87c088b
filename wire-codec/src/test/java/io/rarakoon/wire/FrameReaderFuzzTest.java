package io.rarakoon.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of the node-to-node decoding path: {@link FrameReader} splits a
 * stream into bodies and {@link WireCodec#decodeBody} decodes each. An input is one split byte, one
 * byte choosing the length limit (the handshake's or the full one), then the stream, fed in two
 * chunks cut at the split. The only exception allowed is {@link MalformedFrameException}; the
 * reader must hold no more than one frame of the limit plus the chunk; and every decoded message
 * must encode back to the very body it came from (Kryo's encoding is canonical), so a decoder that
 * accepts what the encoder never writes is a finding too.
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
            reader.feed(input, 2, split);
            drain(reader, frameBytesMax, split);
            reader.feed(input, 2 + split, length - split);
            drain(reader, frameBytesMax, length);
        } catch (MalformedFrameException expected) {
            // The typed refusal: the connection would be closed.
        }
    }

    private void drain(FrameReader reader, int frameBytesMax, int fedBytes)
            throws MalformedFrameException {
        assertTrue(reader.pendingBytes() <= fedBytes, "pending " + reader.pendingBytes());
        Optional<byte[]> body = reader.next(frameBytesMax);
        while (body.isPresent()) {
            Object message = codec.decodeBody(body.get());
            byte[] again = codec.encode(message);
            byte[] againBody = new byte[again.length - Limits.LENGTH_PREFIX_BYTES];
            System.arraycopy(again, Limits.LENGTH_PREFIX_BYTES, againBody, 0, againBody.length);
            assertArrayEquals(body.get(), againBody, message.toString());
            body = reader.next(frameBytesMax);
        }
    }
}
