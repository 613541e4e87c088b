package io.rarakoon.wire;

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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        samples.put("prepare", new Prepare(7, 42));
        samples.put("prepare-fake", new Prepare(-1, 42));
        samples.put("promise-empty", new Promise(7, 42, Optional.empty()));
        samples.put(
                "promise-accepted",
                new Promise(
                        7,
                        42,
                        Optional.of(
                                new LogEntry(
                                        6,
                                        42,
                                        new ClientValue(
                                                List.of(ByteString.utf8("set k v")), false)))));
        samples.put("nak-ping", new Nak(-2, -2, -2));
        samples.put(
                "accept-client",
                new Accept(
                        7,
                        43,
                        new ClientValue(
                                List.of(ByteString.utf8("a"), ByteString.copyOf(new byte[] {0, 1})),
                                true)));
        samples.put(
                "accept-master",
                new Accept(7, 44, new MasterValue(new NodeId("node_0"), 123_456_789L)));
        samples.put("accept-nop", new Accept(7, 45, ClientValue.NOP));
        samples.put("accepted", new Accepted(7, 43));
        return samples;
    }
}
