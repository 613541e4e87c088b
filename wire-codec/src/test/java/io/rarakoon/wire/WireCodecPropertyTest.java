package io.rarakoon.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.Update;
import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.Accepted;
import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.MasterValue;
import io.rarakoon.paxos.message.Nak;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Prepare;
import io.rarakoon.paxos.message.Promise;
import io.rarakoon.paxos.message.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Round trips for every registered message type: decode(encode(m)) equals m, and the frame's length
 * prefix matches its size. A registered type without a generator here fails the build.
 */
class WireCodecPropertyTest {
    private final WireCodec codec = new WireCodec();

    static Map<Class<?>, Arbitrary<?>> generators() {
        Arbitrary<String> names =
                Arbitraries.strings()
                        .ofMinLength(1)
                        .ofMaxLength(40)
                        .filter(WireCodecPropertyTest::fits);
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Map<Class<?>, Arbitrary<?>> generators = new LinkedHashMap<>();
        generators.put(
                Handshake.class,
                Combinators.combine(Arbitraries.integers(), names, names).as(Handshake::new));
        generators.put(
                CatchupEntry.class,
                Combinators.combine(Arbitraries.longs().greaterOrEqual(0), bytes)
                        .as(CatchupEntry::new));
        generators.put(
                SnapshotChunk.class,
                Combinators.combine(
                                Arbitraries.longs().greaterOrEqual(0),
                                bytes,
                                Arbitraries.of(true, false))
                        .as(SnapshotChunk::new));
        Arbitrary<Long> terms = Arbitraries.longs().between(-2, Long.MAX_VALUE);
        Arbitrary<Long> indexes = Arbitraries.longs().greaterOrEqual(0);
        Arbitrary<Value> values = values(names, bytes);
        Arbitrary<LogEntry> entries = Combinators.combine(terms, indexes, values).as(LogEntry::new);
        generators.put(Prepare.class, Combinators.combine(terms, indexes).as(Prepare::new));
        generators.put(
                Promise.class,
                Combinators.combine(terms, indexes, entries.optional()).as(Promise::new));
        generators.put(Nak.class, Combinators.combine(terms, terms, indexes).as(Nak::new));
        generators.put(Accept.class, Combinators.combine(terms, indexes, values).as(Accept::new));
        generators.put(Accepted.class, Combinators.combine(terms, indexes).as(Accepted::new));
        generators.put(LogEntry.class, entries);
        updates(generators, names, bytes.map(Bytes::copyOf));
        generators.put(CatchupRequest.class, indexes.map(CatchupRequest::new));
        Arbitrary<Long> positions = Arbitraries.longs().greaterOrEqual(-1);
        generators.put(
                CatchupBatchEnd.class,
                Combinators.combine(positions, positions).as(CatchupBatchEnd::new));
        generators.put(
                SnapshotHeader.class,
                Combinators.combine(indexes, indexes, Arbitraries.integers())
                        .as(SnapshotHeader::new));
        return generators;
    }

    private static void updates(
            Map<Class<?>, Arbitrary<?>> generators, Arbitrary<String> names, Arbitrary<Bytes> kv) {
        Arbitrary<Optional<Bytes>> option = kv.optional();
        Arbitrary<Update> leaf =
                Arbitraries.oneOf(
                        Combinators.combine(kv, kv).as(Update.Set::new),
                        kv.map(Update.Delete::new),
                        Arbitraries.just(new Update.Nop()),
                        Combinators.combine(kv, option).as(Update.Assert::new));
        Arbitrary<Update> nested =
                Arbitraries.oneOf(leaf, leaf.list().ofMaxSize(3).map(Update.Sequence::new));
        generators.put(Update.Set.class, Combinators.combine(kv, kv).as(Update.Set::new));
        generators.put(Update.Delete.class, kv.map(Update.Delete::new));
        generators.put(
                Update.TestAndSet.class,
                Combinators.combine(kv, option, option).as(Update.TestAndSet::new));
        generators.put(Update.MasterSet.class, names.map(Update.MasterSet::new));
        generators.put(Update.Sequence.class, nested.list().ofMaxSize(4).map(Update.Sequence::new));
        generators.put(Update.Nop.class, Arbitraries.just(new Update.Nop()));
        generators.put(
                Update.UserFunction.class,
                Combinators.combine(names, option).as(Update.UserFunction::new));
        generators.put(Update.Assert.class, Combinators.combine(kv, option).as(Update.Assert::new));
        generators.put(
                Update.AdminSet.class, Combinators.combine(kv, option).as(Update.AdminSet::new));
        generators.put(Update.SetInterval.class, kv.map(Update.SetInterval::new));
        generators.put(Update.SetRouting.class, kv.map(Update.SetRouting::new));
        generators.put(Update.SetRoutingDelta.class, kv.map(Update.SetRoutingDelta::new));
        generators.put(
                Update.SyncedSequence.class,
                nested.list().ofMaxSize(4).map(Update.SyncedSequence::new));
        generators.put(Update.DeletePrefix.class, kv.map(Update.DeletePrefix::new));
        generators.put(Update.AssertExists.class, kv.map(Update.AssertExists::new));
        generators.put(
                Update.Replace.class, Combinators.combine(kv, option).as(Update.Replace::new));
        generators.put(
                Update.AssertRange.class,
                Combinators.combine(kv, kv.list().ofMaxSize(4)).as(Update.AssertRange::new));
    }

    private static Arbitrary<Value> values(Arbitrary<String> names, Arbitrary<byte[]> bytes) {
        Arbitrary<Value> client =
                Combinators.combine(
                                bytes.map(ByteString::copyOf).list().ofMaxSize(5),
                                Arbitraries.of(true, false))
                        .as(ClientValue::new);
        Arbitrary<Value> master =
                Combinators.combine(names.map(NodeId::new), Arbitraries.longs())
                        .as(MasterValue::new);
        return Arbitraries.oneOf(client, master);
    }

    private static boolean fits(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                <= Limits.NODE_NAME_BYTES_MAX;
    }

    @Provide
    Arbitrary<Object> messages() {
        return Arbitraries.oneOf(
                generators().values().stream().map(a -> a.map(m -> (Object) m)).toList());
    }

    @Property(tries = 1000)
    void everyMessageRoundTrips(@ForAll("messages") Object message) throws MalformedFrameException {
        byte[] frame = codec.encode(message);
        int prefix =
                java.nio.ByteBuffer.wrap(frame).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        assertEquals(frame.length - Limits.LENGTH_PREFIX_BYTES, prefix);
        assertEquals(message, codec.decode(frame));
    }

    @Property(tries = 1)
    void everyRegisteredTypeHasAGenerator() {
        Map<Class<?>, Arbitrary<?>> generators = generators();
        for (Class<?> type : WireCodec.messageTypes()) {
            assertTrue(generators.containsKey(type), "no generator for " + type);
        }
    }
}
