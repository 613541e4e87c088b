package io.rarakoon.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rarakoon.kv.Bytes;
import io.rarakoon.kv.Update;
import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.MasterValue;
import io.rarakoon.paxos.message.NodeId;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The node's interim encoding of log entries and kv updates: every update kind and both value kinds
 * survive a round trip; truncated, oversized, unknown and trailing bytes fail with {@link
 * MalformedPayloadException} naming the field; random bytes never fail any other way.
 */
class ValueCodecTest {
    private static final Bytes K = Bytes.utf8("k");
    private static final Bytes V = Bytes.utf8("v");

    static final List<Update> EVERY_KIND =
            List.of(
                    new Update.Set(K, V),
                    new Update.Delete(K),
                    new Update.TestAndSet(K, Optional.empty(), Optional.of(V)),
                    new Update.MasterSet("n0"),
                    new Update.Sequence(List.of(new Update.Set(K, V), new Update.Delete(K))),
                    new Update.Nop(),
                    new Update.UserFunction("f", Optional.of(V)),
                    new Update.Assert(K, Optional.of(V)),
                    new Update.AdminSet(K, Optional.empty()),
                    new Update.SetInterval(V),
                    new Update.SetRouting(V),
                    new Update.SetRoutingDelta(V),
                    new Update.SyncedSequence(List.of(new Update.Nop())),
                    new Update.DeletePrefix(K),
                    new Update.AssertExists(K),
                    new Update.Replace(K, Optional.of(V)),
                    new Update.AssertRange(K, List.of(K, V)));

    @Test
    void everyUpdateKindRoundTrips() throws Exception {
        for (Update update : EVERY_KIND) {
            assertEquals(update, ValueCodec.decodeUpdate(ValueCodec.encodeUpdate(update)));
        }
        assertEquals(17, EVERY_KIND.size(), "one example per kind");
    }

    @Test
    void bothValueKindsRoundTripInALogEntry() throws Exception {
        List<ByteString> updates = EVERY_KIND.stream().map(ValueCodec::encodeUpdate).toList();
        LogEntry client = new LogEntry(3, 9, new ClientValue(updates, true));
        LogEntry lease = new LogEntry(4, 10, new MasterValue(new NodeId("n1"), 77));
        assertEquals(client, ValueCodec.decodeEntry(ValueCodec.encodeEntry(client)));
        assertEquals(lease, ValueCodec.decodeEntry(ValueCodec.encodeEntry(lease)));
    }

    @Test
    void leaseValueAppliesAsMasterSet() throws Exception {
        assertEquals(
                List.of(new Update.MasterSet("n1")),
                ValueCodec.updatesOf(new MasterValue(new NodeId("n1"), 5)));
    }

    @Test
    void rejectsTruncatedEntry() {
        byte[] entry = ValueCodec.encodeEntry(new LogEntry(1, 1, ClientValue.NOP));
        byte[] cut = java.util.Arrays.copyOf(entry, entry.length - 1);
        assertThrows(MalformedPayloadException.class, () -> ValueCodec.decodeEntry(cut));
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] entry = ValueCodec.encodeEntry(new LogEntry(1, 1, ClientValue.NOP));
        byte[] longer = java.util.Arrays.copyOf(entry, entry.length + 1);
        MalformedPayloadException e =
                assertThrows(MalformedPayloadException.class, () -> ValueCodec.decodeEntry(longer));
        assertEquals("entry has 1 trailing bytes", e.getMessage());
    }

    @Test
    void rejectsOversizedLengthBeforeAllocating() {
        byte[] bytes = ByteBuffer.allocate(8).putInt(1).putInt(Integer.MAX_VALUE).array();
        MalformedPayloadException e =
                assertThrows(
                        MalformedPayloadException.class,
                        () -> ValueCodec.decodeUpdate(ByteString.copyOf(bytes)));
        assertEquals(
                "key length "
                        + Integer.MAX_VALUE
                        + " outside 0.."
                        + io.rarakoon.kv.Limits.FIELD_BYTES_MAX,
                e.getMessage());
    }

    @Test
    void rejectsUnknownUpdateTag() {
        byte[] bytes = ByteBuffer.allocate(4).putInt(99).array();
        MalformedPayloadException e =
                assertThrows(
                        MalformedPayloadException.class,
                        () -> ValueCodec.decodeUpdate(ByteString.copyOf(bytes)));
        assertEquals("update tag 99 unknown", e.getMessage());
    }

    @Property(tries = 2000)
    void randomBytesFailOnlyWithMalformedPayload(@ForAll byte[] bytes) {
        try {
            ValueCodec.decodeEntry(bytes);
            ValueCodec.decodeUpdate(ByteString.copyOf(bytes));
        } catch (MalformedPayloadException expected) {
            // the only failure allowed
        }
    }
}
