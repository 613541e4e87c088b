package io.rarakoon.bin;

import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.MasterValue;
import io.rarakoon.wal.WalEntry;
import io.rarakoon.wire.MalformedFrameException;
import io.rarakoon.wire.WireCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code wal dump}: a WAL record's index and payload length, and optionally the Paxos
 * value its payload encodes (a wire-codec LogEntry frame whose client updates are kv-store update
 * frames). Payloads that do not decode are shown as such, never fatal: the dump is a diagnosis
 * tool.
 */
final class EntryText {
    private EntryText() {}

    /** Describes {@code entry}; decodes the value only when {@code values} is set. */
    static String describe(WireCodec codec, WalEntry entry, boolean values) {
        String line = entry.index() + "\tbytes=" + entry.payload().length;
        if (!values) {
            return line;
        }
        try {
            Object decoded = codec.decode(entry.payload());
            if (!(decoded instanceof LogEntry logEntry)) {
                return line + "\tnot a log entry: " + decoded.getClass().getSimpleName();
            }
            return line + "\tterm=" + logEntry.term() + "\t" + value(codec, logEntry);
        } catch (MalformedFrameException e) {
            return line + "\tundecodable: " + e.getMessage();
        }
    }

    private static String value(WireCodec codec, LogEntry entry) throws MalformedFrameException {
        if (entry.value() instanceof MasterValue lease) {
            return "master " + lease.master().name();
        }
        ClientValue client = (ClientValue) entry.value();
        List<Object> updates = new ArrayList<>(client.updates().size());
        for (ByteString update : client.updates()) {
            updates.add(codec.decode(update.toByteArray()));
        }
        return (client.synced() ? "synced updates " : "updates ") + updates;
    }
}
