package io.rarakoon.bench;

import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.Accepted;
import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.Nak;
import io.rarakoon.paxos.message.Prepare;
import io.rarakoon.paxos.message.Promise;
import io.rarakoon.wire.CatchupEntry;
import io.rarakoon.wire.FrameReader;
import io.rarakoon.wire.Handshake;
import io.rarakoon.wire.Limits;
import io.rarakoon.wire.MalformedFrameException;
import io.rarakoon.wire.SnapshotChunk;
import io.rarakoon.wire.WireCodec;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Encoding and decoding one frame, per message type (values of 100 B and 4 KiB where sized). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WireCodecBenchmark {

    @Param({
        "handshake",
        "prepare",
        "promise-100B",
        "nak",
        "accept-100B",
        "accept-4KiB",
        "accept-32x130B",
        "accepted",
        "catchup-entry-4KiB",
        "snapshot-chunk-64KiB"
    })
    public String messageType;

    private final WireCodec codec = new WireCodec();
    private final FrameReader reader = new FrameReader();
    private Object message;
    private byte[] frame;

    @Setup
    public void encodeOnce() {
        message = message(messageType);
        frame = codec.encode(message);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(message);
    }

    @Benchmark
    public Object decode() throws MalformedFrameException {
        return codec.decode(frame);
    }

    /** The receiving side of a connection: the frame fed as it arrived, split off and decoded. */
    @Benchmark
    public Object feedAndDecode() throws MalformedFrameException {
        reader.feed(ByteBuffer.wrap(frame));
        return reader.nextMessage(codec, Limits.FRAME_BYTES_MAX).orElseThrow();
    }

    private static Object message(String type) {
        switch (type) {
            case "handshake":
                return new Handshake(Handshake.PROTOCOL_VERSION, "ricky", "node_0");
            case "prepare":
                return new Prepare(7, 1_000_000);
            case "promise-100B":
                return new Promise(7, 1_000_000, Optional.of(new LogEntry(6, 999_999, value(100))));
            case "nak":
                return new Nak(7, 8, 1_000_000);
            case "accept-100B":
                return new Accept(7, 1_000_000, value(100));
            case "accept-4KiB":
                return new Accept(7, 1_000_000, value(4096));
            case "accept-32x130B":
                return new Accept(7, 1_000_000, value(32, 130));
            case "accepted":
                return new Accepted(7, 1_000_000);
            case "catchup-entry-4KiB":
                return new CatchupEntry(1_000_000, bytes(4096));
            case "snapshot-chunk-64KiB":
                return new SnapshotChunk(1 << 30, bytes(64 * 1024), false);
            default:
                throw new IllegalArgumentException("unknown message type " + type);
        }
    }

    private static ClientValue value(int updateBytes) {
        return value(1, updateBytes);
    }

    /** A value of {@code count} updates, as a batch of client writes makes one. */
    private static ClientValue value(int count, int updateBytes) {
        return new ClientValue(
                Collections.nCopies(count, ByteString.copyOf(bytes(updateBytes))), false);
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        new SplittableRandom(42).nextBytes(bytes);
        return bytes;
    }
}
