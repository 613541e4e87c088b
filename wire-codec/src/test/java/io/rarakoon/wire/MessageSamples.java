package io.rarakoon.wire;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fixed sample messages, by name, that the golden vectors freeze. */
final class MessageSamples {
    private MessageSamples() {}

    static Map<String, Object> all() {
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("handshake", new Handshake(Handshake.PROTOCOL_VERSION, "ricky", "node_0"));
        samples.put(
                "handshake-utf8", new Handshake(Handshake.PROTOCOL_VERSION, "clüster", "knoten_ä"));
        samples.put(
                "catchup-entry", new CatchupEntry(42, "value".getBytes(StandardCharsets.US_ASCII)));
        samples.put("catchup-entry-empty", new CatchupEntry(0, new byte[0]));
        samples.put(
                "snapshot-chunk",
                new SnapshotChunk(1_048_576, new byte[] {1, 2, 3, (byte) 0xff}, false));
        samples.put("snapshot-chunk-last", new SnapshotChunk(7, new byte[] {9}, true));
        return samples;
    }
}
