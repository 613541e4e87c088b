package io.rarakoon.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Freezes the wire format: each sample of {@link MessageSamples} must encode to exactly the hex in
 * src/test/resources/golden/NAME.hex and decode back to an equal message. Every registered type
 * must have at least one sample. Run with -Dgolden.rewrite=true to regenerate the files after an
 * intended format change (which also needs a new protocol version), then read the diff.
 */
class GoldenVectorsTest {
    private final WireCodec codec = new WireCodec();

    @Test
    void samplesMatchTheirGoldenHex() throws IOException {
        boolean rewrite = Boolean.getBoolean("golden.rewrite");
        for (Map.Entry<String, Object> sample : MessageSamples.all().entrySet()) {
            byte[] frame = codec.encode(sample.getValue());
            String hex = HexFormat.of().formatHex(frame);
            if (rewrite) {
                Path file = Path.of("src/test/resources/golden", sample.getKey() + ".hex");
                Files.writeString(file, hex + "\n", StandardCharsets.US_ASCII);
                continue;
            }
            String golden = readGolden(sample.getKey());
            assertEquals(golden, hex, sample.getKey());
            byte[] goldenFrame = HexFormat.of().parseHex(golden);
            assertEquals(sample.getValue(), codec.decode(goldenFrame), sample.getKey());
            assertArrayEquals(goldenFrame, codec.encode(codec.decode(goldenFrame)));
        }
    }

    @Test
    void everyRegisteredTypeHasASample() {
        Set<String> sampled = new TreeSet<>();
        for (Object sample : MessageSamples.all().values()) {
            sampled.add(sample.getClass().getName());
        }
        for (Class<?> type : WireCodec.messageTypes()) {
            assertEquals(true, sampled.contains(type.getName()), "no golden sample for " + type);
        }
    }

    private static String readGolden(String name) throws IOException {
        try (InputStream in =
                GoldenVectorsTest.class.getResourceAsStream("/golden/" + name + ".hex")) {
            assertNotNull(in, "missing golden file " + name + ".hex");
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }
}
