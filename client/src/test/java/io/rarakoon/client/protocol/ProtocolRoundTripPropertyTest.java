package io.rarakoon.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Round trips: every request type through the encoder and the incremental server decoder (whole,
 * and split at a random point, as TCP may deliver it), and every command's response shapes (success
 * and failure) through the response encoder and the client decoder.
 */
class ProtocolRoundTripPropertyTest {
    private static final ByteString CLUSTER = ByteString.utf8("arakoon");

    @Provide
    Arbitrary<Request> requests() {
        return ProtocolArbitraries.request();
    }

    @Provide
    Arbitrary<List<Request>> requestBatches() {
        return ProtocolArbitraries.request().list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 200)
    void everyRequestSurvivesEncodeAndDecode(
            @ForAll("requestBatches") List<Request> requests, @ForAll("splits") int splitSeed) {
        byte[] prologue = RequestEncoder.encodePrologue(CLUSTER);
        RequestDecoder decoder = new RequestDecoder(CLUSTER);
        decoder.feed(ByteBuffer.wrap(prologue));
        for (Request request : requests) {
            byte[] bytes = RequestEncoder.encode(request);
            int split = Math.floorMod(splitSeed, bytes.length);
            decoder.feed(ByteBuffer.wrap(bytes, 0, split));
            DecodeStep<Request> partial = decoder.next();
            if (split < bytes.length && !(partial instanceof DecodeStep.NeedMoreBytes)) {
                throw new AssertionError("a prefix of " + request + " decoded as " + partial);
            }
            decoder.feed(ByteBuffer.wrap(bytes, split, bytes.length - split));
            assertEquals(new DecodeStep.Decoded<>(request, bytes.length), decoder.next());
        }
        assertEquals(0, decoder.bufferedBytes());
        // The next request's command word first.
        assertEquals(new DecodeStep.NeedMoreBytes<>(Integer.BYTES), decoder.next());
    }

    @Provide
    Arbitrary<Integer> splits() {
        return Arbitraries.integers();
    }

    @Provide
    Arbitrary<Tuple.Tuple3<Request, Response, Response>> exchanges() {
        return ProtocolArbitraries.request()
                .flatMap(
                        request ->
                                Combinators.combine(
                                                ProtocolArbitraries.success(
                                                        request.command().shape()),
                                                ProtocolArbitraries.failure())
                                        .as(
                                                (success, failure) ->
                                                        Tuple.of(request, success, failure)));
    }

    @Property(tries = 200)
    void everyResponseShapeSurvivesEncodeAndDecode(
            @ForAll("exchanges") Tuple.Tuple3<Request, Response, Response> exchange) {
        Request request = exchange.get1();
        roundTrip(request, exchange.get2());
        if (request.command().shape() != Command.Shape.HOOK) {
            roundTrip(request, exchange.get3());
        }
    }

    private static void roundTrip(Request request, Response response) {
        byte[] bytes = ResponseEncoder.encode(request, response);
        assertEquals(
                new DecodeStep.Decoded<>(response, bytes.length),
                ResponseDecoder.decode(request, bytes, 0, bytes.length));
        // Eight cuts spread over the frame (every cut would make this quadratic).
        for (int cut = 0; cut < bytes.length; cut += Math.max(1, bytes.length / 8)) {
            DecodeStep<Response> partial = ResponseDecoder.decode(request, bytes, 0, cut);
            if (!(partial instanceof DecodeStep.NeedMoreBytes<Response> more)
                    || more.bufferedBytesMin() <= cut) {
                throw new AssertionError(cut + " bytes of " + response + " gave " + partial);
            }
        }
    }
}
