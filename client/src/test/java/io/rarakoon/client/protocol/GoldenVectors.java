package io.rarakoon.client.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Loads the named hex vectors of {@code golden/client-protocol-vectors.txt}. */
final class GoldenVectors {
    private final Map<String, ByteString> vectors = new LinkedHashMap<>();

    GoldenVectors() throws IOException {
        try (InputStream in =
                GoldenVectors.class.getResourceAsStream("/golden/client-protocol-vectors.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("=", 2);
                vectors.put(parts[0].trim(), ByteString.fromHex(parts[1]));
            }
        }
    }

    ByteString get(String name) {
        ByteString value = vectors.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no golden vector " + name);
        }
        return value;
    }

    Iterable<String> names() {
        return vectors.keySet();
    }
}
