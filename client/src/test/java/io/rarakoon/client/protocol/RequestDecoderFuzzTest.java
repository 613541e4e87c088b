package io.rarakoon.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of the server's incremental {@link RequestDecoder}. An input is
 * one split byte and then the connection's bytes, fed in two chunks cut at the split. The decoder
 * must answer every step with a typed result, keep its buffer within {@link
 * Limits#REQUEST_BYTES_MAX} plus one chunk, and every request it decodes must encode and decode
 * back to itself. Any other exception, an out-of-memory or a failed check is a finding.
 *
 * <p>Seeds are the golden request vectors after a prologue. Without JAZZER_FUZZ the test replays
 * the seeds and the findings kept under {@code RequestDecoderFuzzTestInputs/fuzz} in the test
 * resources; the build's fuzz execution fuzzes for {@code fuzz.seconds}.
 */
class RequestDecoderFuzzTest {
    private static final ByteString CLUSTER = ByteString.utf8("arakoon");

    static List<byte[]> fuzz() throws IOException {
        GoldenVectors vectors = new GoldenVectors();
        byte[] prologue = RequestEncoder.encodePrologue(CLUSTER);
        List<byte[]> seeds = new ArrayList<>();
        for (String name : vectors.names()) {
            if (name.contains(".req")) {
                byte[] request = vectors.get(name).toByteArray();
                byte[] seed = new byte[1 + prologue.length + request.length];
                seed[0] = (byte) (prologue.length + 1);
                System.arraycopy(prologue, 0, seed, 1, prologue.length);
                System.arraycopy(request, 0, seed, 1 + prologue.length, request.length);
                seeds.add(seed);
            }
        }
        return seeds;
    }

    @MethodSource("fuzz")
    @FuzzTest(maxDuration = "5s")
    void fuzz(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int length = input.length - 1;
        int split = Math.min(input[0] & 0xff, length);
        RequestDecoder decoder = new RequestDecoder(CLUSTER);
        decoder.feed(ByteBuffer.wrap(input, 1, split));
        drain(decoder, split);
        decoder.feed(ByteBuffer.wrap(input, 1 + split, length - split));
        drain(decoder, length - split);
    }

    private static void drain(RequestDecoder decoder, int chunkBytes) {
        assertTrue(decoder.bufferedBytes() <= Limits.REQUEST_BYTES_MAX + chunkBytes);
        while (decoder.next() instanceof DecodeStep.Decoded<Request> decoded) {
            assertTrue(decoded.bytesConsumed() > 0, "a request consumes bytes");
            checkRoundTrip(decoded.value());
        }
    }

    private static void checkRoundTrip(Request request) {
        byte[] encoded = RequestEncoder.encode(request);
        RequestDecoder again = new RequestDecoder(CLUSTER);
        byte[] prologue = RequestEncoder.encodePrologue(CLUSTER);
        again.feed(ByteBuffer.wrap(prologue));
        again.feed(ByteBuffer.wrap(encoded));
        assertEquals(new DecodeStep.Decoded<>(request, encoded.length), again.next());
    }
}
