package io.rarakoon.wire;

import com.esotericsoftware.kryo.Serializer;
import io.rarakoon.kv.Update;
import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.Accepted;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.Nak;
import io.rarakoon.paxos.message.Prepare;
import io.rarakoon.paxos.message.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one ordered list of message types on the wire: a type's tag is its position here. Adding a
 * type is one entry at the end plus its serializer. Never reorder or remove an entry: that changes
 * the meaning of tags on the wire, which needs a new {@link Handshake#PROTOCOL_VERSION}.
 */
final class MessageTypes {
    /** One registered type and how to make its (stateless) serializer. */
    record Entry<T>(Class<T> type, Supplier<Serializer<T>> serializer) {}

    static final List<Entry<?>> ALL = all();

    private static List<Entry<?>> all() {
        List<Entry<?>> all =
                new ArrayList<>(
                        List.of(
                                new Entry<>(Handshake.class, HandshakeSerializer::new),
                                new Entry<>(CatchupEntry.class, CatchupEntrySerializer::new),
                                new Entry<>(SnapshotChunk.class, SnapshotChunkSerializer::new),
                                new Entry<>(Prepare.class, PaxosSerializers.PrepareSerializer::new),
                                new Entry<>(Promise.class, PaxosSerializers.PromiseSerializer::new),
                                new Entry<>(Nak.class, PaxosSerializers.NakSerializer::new),
                                new Entry<>(Accept.class, PaxosSerializers.AcceptSerializer::new),
                                new Entry<>(
                                        Accepted.class, PaxosSerializers.AcceptedSerializer::new)));
        all.add(new Entry<>(LogEntry.class, LogEntrySerializer::new));
        for (KvUpdates.Kind<?> kind : KvUpdates.KINDS) {
            all.add(updateEntry(kind));
        }
        all.add(new Entry<>(CatchupRequest.class, CatchupSerializers.RequestSerializer::new));
        all.add(new Entry<>(CatchupBatchEnd.class, CatchupSerializers.BatchEndSerializer::new));
        all.add(
                new Entry<>(
                        SnapshotHeader.class, CatchupSerializers.SnapshotHeaderSerializer::new));
        return List.copyOf(all);
    }

    private static <T extends Update> Entry<T> updateEntry(KvUpdates.Kind<T> kind) {
        return new Entry<>(kind.type(), () -> new KvUpdates.UpdateSerializer<>(kind));
    }

    private MessageTypes() {}
}
