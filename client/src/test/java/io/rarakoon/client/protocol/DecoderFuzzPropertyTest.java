package io.rarakoon.client.protocol;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzes both decoders: random bytes, and valid encodings with random bytes overwritten, must yield
 * a typed result (decoded, need more bytes, or a DecodeError) and never another exception or an
 * OutOfMemoryError. Any thrown exception fails the property.
 */
class DecoderFuzzPropertyTest {
    private static final ByteString CLUSTER = ByteString.utf8("arakoon");

    @Property(tries = 300)
    void randomBytesAfterAPrologueGiveTypedResults(@ForAll @Size(max = 64) byte[] noise) {
        drain(MalformedInputTest.concat(RequestEncoder.encodePrologue(CLUSTER), noise));
    }

    @Provide
    Arbitrary<byte[]> mutatedRequests() {
        return ProtocolArbitraries.request()
                .flatMap(
                        request -> {
                            byte[] bytes = RequestEncoder.encode(request);
                            return Arbitraries.integers()
                                    .between(0, bytes.length - 1)
                                    .list()
                                    .ofMaxSize(3)
                                    .flatMap(
                                            positions ->
                                                    Arbitraries.bytes()
                                                            .list()
                                                            .ofSize(positions.size())
                                                            .map(
                                                                    values ->
                                                                            mutate(
                                                                                    bytes,
                                                                                    positions,
                                                                                    values)));
                        });
    }

    private static byte[] mutate(byte[] original, List<Integer> positions, List<Byte> values) {
        byte[] copy = original.clone();
        for (int i = 0; i < positions.size(); i++) {
            copy[positions.get(i)] = values.get(i);
        }
        return copy;
    }

    @Property(tries = 300)
    void mutatedRequestsGiveTypedResults(@ForAll("mutatedRequests") byte[] request) {
        drain(MalformedInputTest.concat(RequestEncoder.encodePrologue(CLUSTER), request));
    }

    @Property(tries = 300)
    void randomResponsesGiveTypedResults(
            @ForAll("requests") Request request, @ForAll @Size(max = 64) byte[] noise) {
        ResponseDecoder.decode(request, noise, 0, noise.length);
        ResponseDecoder.decodeCollapseProgress(noise, 0, noise.length);
    }

    @Provide
    Arbitrary<Request> requests() {
        return ProtocolArbitraries.request();
    }

    private static void drain(byte[] bytes) {
        RequestDecoder decoder = new RequestDecoder(CLUSTER);
        decoder.feed(ByteBuffer.wrap(bytes));
        for (int i = 0; i <= bytes.length; i++) {
            if (!(decoder.next() instanceof DecodeStep.Decoded)) {
                return;
            }
        }
        throw new AssertionError("decoded more requests than there are bytes");
    }
}
