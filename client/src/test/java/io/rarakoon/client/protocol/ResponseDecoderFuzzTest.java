package io.rarakoon.client.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of the client's {@link ResponseDecoder}. An input is one byte
 * choosing the request answered (one of the golden requests, so every response shape they use is
 * reachable) and then the response bytes, which go through {@link ResponseDecoder#decode} and
 * {@link ResponseDecoder#decodeCollapseProgress}. Each must return a typed step that never claims
 * more bytes than it was given; any exception or out-of-memory is a finding.
 *
 * <p>Seeds pair each golden request with its golden responses. Without JAZZER_FUZZ the test replays
 * the seeds and the findings kept under {@code ResponseDecoderFuzzTestInputs/fuzz} in the test
 * resources; the build's fuzz execution fuzzes for {@code fuzz.seconds}.
 */
class ResponseDecoderFuzzTest {
    private static final ByteString CLUSTER = ByteString.utf8("arakoon");
    private static final List<GoldenRequest> REQUESTS = goldenRequests();

    /** A golden request vector, decoded. */
    private record GoldenRequest(String name, Request request) {}

    static List<byte[]> fuzz() throws IOException {
        GoldenVectors vectors = new GoldenVectors();
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < REQUESTS.size(); i++) {
            String name = REQUESTS.get(i).name();
            String prefix = name.substring(0, name.indexOf(".req"));
            for (String responseName : vectors.names()) {
                if (responseName.startsWith(prefix + ".resp")) {
                    byte[] response = vectors.get(responseName).toByteArray();
                    byte[] seed = new byte[1 + response.length];
                    seed[0] = (byte) i;
                    System.arraycopy(response, 0, seed, 1, response.length);
                    seeds.add(seed);
                }
            }
        }
        return seeds;
    }

    private static List<GoldenRequest> goldenRequests() {
        try {
            GoldenVectors vectors = new GoldenVectors();
            byte[] prologue = RequestEncoder.encodePrologue(CLUSTER);
            List<GoldenRequest> decoded = new ArrayList<>();
            for (String name : vectors.names()) {
                byte[] bytes = vectors.get(name).toByteArray();
                RequestDecoder decoder = new RequestDecoder(CLUSTER);
                decoder.feed(ByteBuffer.wrap(prologue));
                decoder.feed(ByteBuffer.wrap(bytes));
                if (name.contains(".req")
                        && decoder.next() instanceof DecodeStep.Decoded<Request> request) {
                    decoded.add(new GoldenRequest(name, request.value()));
                }
            }
            return List.copyOf(decoded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @MethodSource("fuzz")
    @FuzzTest(maxDuration = "5s")
    void fuzz(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Request request = REQUESTS.get((input[0] & 0xff) % REQUESTS.size()).request();
        int length = input.length - 1;
        checkConsumed(ResponseDecoder.decode(request, input, 1, length), length);
        checkConsumed(ResponseDecoder.decodeCollapseProgress(input, 1, length), length);
    }

    private static void checkConsumed(DecodeStep<Response> step, int length) {
        if (step instanceof DecodeStep.Decoded<Response> decoded) {
            assertTrue(decoded.bytesConsumed() <= length, "consumed " + decoded.bytesConsumed());
        }
    }
}
