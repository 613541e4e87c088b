package io.rarakoon.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the decoder with 1,000,000 seeded cases: half random byte strings with a plausible prefix,
 * half valid frames mutated (bytes flipped, truncated, extended, lengths rewritten). Each case goes
 * through {@link WireCodec#decode} and, split at a random point, through {@link FrameReader}; the
 * only exception allowed is {@link MalformedFrameException}. Anything else (a Kryo exception, an
 * out-of-memory from a trusted length) escapes and fails the test with the case number,
 * reproducible from the fixed seed.
 */
class WireCodecFuzzTest {
    private static final long SEED = 0x5eed_0004L;
    private static final int CASES = 1_000_000;

    /** Every this many cases also go through the incremental reader, split at a random point. */
    private static final int READER_CASE_EVERY = 4;

    private final WireCodec codec = new WireCodec();

    @Test
    void decodersOnlyEverThrowTypedErrors() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<byte[]> valid = new ArrayList<>();
        for (Object sample : MessageSamples.all().values()) {
            valid.add(codec.encode(sample));
        }
        int decodedCount = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] frame =
                    (i % 2 == 0)
                            ? randomFrame(random)
                            : mutate(valid.get(random.nextInt(valid.size())), random);
            decodedCount += decodeWhole(frame, i);
            if (i % READER_CASE_EVERY == 0) {
                decodeSplit(frame, random.nextInt(frame.length + 1), i);
            }
        }
        // Mutations that keep a frame valid decode fine; most cases must be refused.
        assertEquals(true, decodedCount < CASES / 2, "decoded " + decodedCount);
    }

    private int decodeWhole(byte[] frame, int caseNumber) {
        try {
            codec.decode(frame);
            return 1;
        } catch (MalformedFrameException expected) {
            return 0;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("case " + caseNumber + " seed " + SEED, e);
        }
    }

    private void decodeSplit(byte[] frame, int split, int caseNumber) {
        FrameReader reader = new FrameReader();
        try {
            reader.feed(ByteBuffer.wrap(frame, 0, split));
            drain(reader);
            reader.feed(ByteBuffer.wrap(frame, split, frame.length - split));
            drain(reader);
        } catch (MalformedFrameException expected) {
            // The typed refusal this test wants.
        } catch (RuntimeException | Error e) {
            throw new AssertionError("case " + caseNumber + " seed " + SEED, e);
        }
    }

    private void drain(FrameReader reader) throws MalformedFrameException {
        for (int frames = 0; frames < 4; frames++) {
            if (reader.nextMessage(codec, Limits.FRAME_BYTES_MAX).isEmpty()) {
                return;
            }
        }
    }

    private static byte[] randomFrame(SplittableRandom random) {
        byte[] frame = new byte[4 + random.nextInt(40)];
        random.nextBytes(frame);
        if (random.nextBoolean()) {
            int body = frame.length - 4;
            frame[0] = 0;
            frame[1] = 0;
            frame[2] = (byte) (body >>> 8);
            frame[3] = (byte) body;
            frame[4 % frame.length] = (byte) random.nextInt(4);
        }
        return frame;
    }

    private static byte[] mutate(byte[] valid, SplittableRandom random) {
        byte[] frame = valid.clone();
        switch (random.nextInt(4)) {
            case 0:
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    frame[random.nextInt(frame.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return frame;
            case 1:
                return Arrays.copyOf(frame, random.nextInt(frame.length));
            case 2:
                byte[] longer = Arrays.copyOf(frame, frame.length + 1 + random.nextInt(8));
                return longer;
            default:
                int position = 4 + random.nextInt(frame.length - 4);
                frame[position] = (byte) random.nextInt(256);
                frame[random.nextInt(4)] = (byte) random.nextInt(256);
                return frame;
        }
    }
}
