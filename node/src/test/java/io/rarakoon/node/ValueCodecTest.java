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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The node's use of wire-codec frames for WAL payloads and client updates: every update kind and
 * both value kinds survive a round trip, updates above and below the codec's reused buffer alike;
 * truncated, trailing, unknown and misplaced frames fail with {@link MalformedPayloadException};
 * random bytes never fail any other way. (The byte layouts themselves are frozen by wire-codec's
 * golden vectors.)
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

    private final ValueCodec codec = new ValueCodec();

    @Test
    void everyUpdateKindRoundTrips() throws Exception {
        for (Update update : EVERY_KIND) {
            assertEquals(update, codec.decodeUpdate(codec.encodeUpdate(update)));
        }
        assertEquals(17, EVERY_KIND.size(), "one example per kind");
    }

    @Test
    void updatesAboveTheReusedBufferAndSmallerOnesAfterThemRoundTrip() throws Exception {
        byte[] big = new byte[100 * 1024];
        Arrays.fill(big, (byte) 7);
        Update large = new Update.Set(K, Bytes.copyOf(big));
        Update small = new Update.Set(V, K);
        assertEquals(small, codec.decodeUpdate(codec.encodeUpdate(small)));
        Update decoded = codec.decodeUpdate(codec.encodeUpdate(large));
        assertEquals(large, decoded);
        assertEquals(small, codec.decodeUpdate(codec.encodeUpdate(small)));
        assertEquals(large, decoded, "a later decode leaves an earlier update as it was");
    }

    @Test
    void bothValueKindsRoundTripInALogEntry() throws Exception {
        List<ByteString> updates = EVERY_KIND.stream().map(codec::encodeUpdate).toList();
        LogEntry client = new LogEntry(3, 9, new ClientValue(updates, true));
        LogEntry lease = new LogEntry(4, 10, new MasterValue(new NodeId("n1"), 77));
        assertEquals(client, codec.decodeEntry(codec.encodeEntry(client)));
        assertEquals(lease, codec.decodeEntry(codec.encodeEntry(lease)));
    }

    @Test
    void leaseValueAppliesAsMasterSet() throws Exception {
        assertEquals(
                List.of(new Update.MasterSet("n1")),
                codec.updatesOf(new MasterValue(new NodeId("n1"), 5)));
    }

    @Test
    void rejectsTruncatedEntry() {
        byte[] entry = codec.encodeEntry(new LogEntry(1, 1, ClientValue.NOP));
        byte[] cut = Arrays.copyOf(entry, entry.length - 1);
        assertThrows(MalformedPayloadException.class, () -> codec.decodeEntry(cut));
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] entry = codec.encodeEntry(new LogEntry(1, 1, ClientValue.NOP));
        byte[] longer = Arrays.copyOf(entry, entry.length + 1);
        assertThrows(MalformedPayloadException.class, () -> codec.decodeEntry(longer));
    }

    @Test
    void rejectsAnUpdateWhereALogEntryBelongs() {
        byte[] update = codec.encodeUpdate(new Update.Nop()).toByteArray();
        MalformedPayloadException e =
                assertThrows(MalformedPayloadException.class, () -> codec.decodeEntry(update));
        assertEquals("frame holds a Nop, not a LogEntry", e.getMessage());
    }

    @Test
    void rejectsUnknownTag() {
        byte[] frame = {1, 0, 0, 0, (byte) 200};
        assertThrows(
                MalformedPayloadException.class,
                () -> codec.decodeUpdate(ByteString.copyOf(frame)));
    }

    @Property(tries = 2000)
    void randomBytesFailOnlyWithMalformedPayload(@ForAll byte[] bytes) {
        try {
            codec.decodeEntry(bytes);
            codec.decodeUpdate(ByteString.copyOf(bytes));
        } catch (MalformedPayloadException expected) {
            // the only failure allowed
        }
    }
}
