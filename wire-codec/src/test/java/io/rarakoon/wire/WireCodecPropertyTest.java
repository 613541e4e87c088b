package io.rarakoon.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
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
        return generators;
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
