package io.rarakoon.bench;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Consistency;
import io.rarakoon.client.protocol.DecodeStep;
import io.rarakoon.client.protocol.Entry;
import io.rarakoon.client.protocol.RangeQuery;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.RequestDecoder;
import io.rarakoon.client.protocol.RequestEncoder;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResponseDecoder;
import io.rarakoon.client.protocol.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of Arakoon's client protocol codec: a SET with a 100-byte value through the encoder and the
 * server's incremental decoder (prologue included, as for a fresh connection, and on an open
 * connection, as the server reads every request after the first), and a 100-entry RANGE_ENTRIES
 * answer through the response encoder and the client's decoder.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientProtocolBenchmark {
    private static final ByteString CLUSTER = ByteString.utf8("arakoon");

    private Request set;
    private byte[] setBytes;
    private byte[] prologue;
    private RequestDecoder openConnection;
    private Request range;
    private Response entries;
    private byte[] entriesBytes;

    @Setup
    public void prepare() {
        SplittableRandom random = new SplittableRandom(42);
        byte[] value = new byte[100];
        random.nextBytes(value);
        set = new Request.Set(ByteString.utf8("user/000042"), ByteString.of(value));
        setBytes = RequestEncoder.encode(set);
        prologue = RequestEncoder.encodePrologue(CLUSTER);
        openConnection = new RequestDecoder(CLUSTER);
        openConnection.feed(ByteBuffer.wrap(prologue));
        if (!(openConnection.next() instanceof DecodeStep.NeedMoreBytes)) {
            throw new IllegalStateException("the prologue alone decoded to a request");
        }
        range =
                new Request.RangeEntries(
                        Consistency.CONSISTENT,
                        new RangeQuery(Optional.empty(), true, Optional.empty(), true, 100));
        List<Entry> list = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] v = new byte[100];
            random.nextBytes(v);
            list.add(
                    new Entry(
                            ByteString.utf8(String.format(java.util.Locale.ROOT, "key/%06d", i)),
                            ByteString.of(v)));
        }
        entries = new Response.Entries(list);
        entriesBytes = ResponseEncoder.encode(range, entries);
    }

    @Benchmark
    public byte[] encodeSet() {
        return RequestEncoder.encode(set);
    }

    @Benchmark
    public DecodeStep<Request> decodeSetOnFreshConnection() {
        RequestDecoder decoder = new RequestDecoder(CLUSTER);
        decoder.feed(ByteBuffer.wrap(prologue));
        decoder.feed(ByteBuffer.wrap(setBytes));
        return decoder.next();
    }

    /**
     * A server's turn on an open connection that received one SET: the request, then the answer
     * that the buffer holds no more.
     */
    @Benchmark
    public DecodeStep<Request> decodeSetThenFindNoMore() {
        openConnection.feed(ByteBuffer.wrap(setBytes));
        if (!(openConnection.next() instanceof DecodeStep.Decoded)) {
            throw new IllegalStateException("a whole SET did not decode");
        }
        return openConnection.next();
    }

    @Benchmark
    public byte[] encodeRangeEntries100() {
        return ResponseEncoder.encode(range, entries);
    }

    @Benchmark
    public DecodeStep<Response> decodeRangeEntries100() {
        return ResponseDecoder.decode(range, entriesBytes, 0, entriesBytes.length);
    }
}
