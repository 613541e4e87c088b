package io.rarakoon.wire;

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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fixed sample messages, by name, that the golden vectors freeze. */
final class MessageSamples {
    private static final Bytes K = Bytes.utf8("k");
    private static final Bytes V = Bytes.utf8("v");

    private MessageSamples() {}

    /** One sample per kv-store update kind. */
    private static void updates(Map<String, Object> samples) {
        samples.put("update-set", new Update.Set(K, V));
        samples.put("update-delete", new Update.Delete(K));
        samples.put(
                "update-test-and-set", new Update.TestAndSet(K, Optional.empty(), Optional.of(V)));
        samples.put("update-master-set", new Update.MasterSet("node_0"));
        samples.put(
                "update-sequence",
                new Update.Sequence(
                        List.of(
                                new Update.Set(K, V),
                                new Update.Sequence(List.of(new Update.Delete(K))))));
        samples.put("update-nop", new Update.Nop());
        samples.put("update-user-function", new Update.UserFunction("f", Optional.of(V)));
        samples.put("update-assert", new Update.Assert(K, Optional.of(V)));
        samples.put("update-admin-set", new Update.AdminSet(K, Optional.empty()));
        samples.put("update-set-interval", new Update.SetInterval(V));
        samples.put("update-set-routing", new Update.SetRouting(V));
        samples.put("update-set-routing-delta", new Update.SetRoutingDelta(V));
        samples.put("update-synced-sequence", new Update.SyncedSequence(List.of(new Update.Nop())));
        samples.put("update-delete-prefix", new Update.DeletePrefix(K));
        samples.put("update-assert-exists", new Update.AssertExists(K));
        samples.put("update-replace", new Update.Replace(K, Optional.of(V)));
        samples.put("update-assert-range", new Update.AssertRange(K, List.of(K, V)));
    }

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
        samples.put(
                "log-entry",
                new LogEntry(7, 46, new ClientValue(List.of(ByteString.utf8("u")), false)));
        updates(samples);
        samples.put("catchup-request", new CatchupRequest(42));
        samples.put("catchup-batch-end", new CatchupBatchEnd(105, 230));
        samples.put("catchup-batch-end-empty", new CatchupBatchEnd(-1, -1));
        samples.put("snapshot-header", new SnapshotHeader(1024, 3_000_000, 0x8a9136aa));
        return samples;
    }
}
