package io.rarakoon.wire;

import static io.rarakoon.wire.Limits.NODE_NAME_BYTES_MAX;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rarakoon.paxos.Limits;
import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.MasterValue;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The layouts of a Paxos {@link Value} and a {@link LogEntry} inside Paxos messages. A value is a
 * kind byte, then for 'c' (client value) a synced flag, an update count and each update as bytes;
 * for 'm' (master value) the master's node name and the lease start. Counts and sizes are checked
 * against paxos-core's {@link Limits} before anything is allocated.
 */
final class Values {
    static final byte CLIENT_VALUE = 'c';
    static final byte MASTER_VALUE = 'm';

    private Values() {}

    static void writeValue(Output output, Value value) {
        if (value instanceof ClientValue client) {
            output.writeByte(CLIENT_VALUE);
            output.writeBoolean(client.synced());
            output.writeVarInt(client.updates().size(), true);
            for (ByteString update : client.updates()) {
                Fields.writeBytes(output, update.length(), update::writeTo);
            }
        } else if (value instanceof MasterValue master) {
            output.writeByte(MASTER_VALUE);
            Fields.writeString(output, master.master().name());
            output.writeLong(master.leaseStartMillis());
        } else {
            throw new AssertionError("unhandled value " + value);
        }
    }

    static Value readValue(Input input) {
        byte kind = Fields.readByte(input, "value kind");
        if (kind == CLIENT_VALUE) {
            return readClientValue(input);
        }
        if (kind == MASTER_VALUE) {
            String name = Fields.readString(input, "master", NODE_NAME_BYTES_MAX);
            if (name.isEmpty()) {
                throw new BadFieldException("master name is empty");
            }
            long leaseStartMillis = Fields.readLong(input, "leaseStartMillis");
            return new MasterValue(new NodeId(name), leaseStartMillis);
        }
        throw new BadFieldException("value kind " + kind + " is neither 'c' nor 'm'");
    }

    private static ClientValue readClientValue(Input input) {
        boolean synced = Fields.readBoolean(input, "synced");
        int count = Fields.readCount(input, "update count", Limits.UPDATES_PER_VALUE_MAX);
        List<ByteString> updates = new ArrayList<>(count);
        long totalBytes = 0;
        for (int i = 0; i < count; i++) {
            ByteString update =
                    Fields.readBytes(input, "update", Limits.UPDATE_BYTES_MAX, ByteString::copyOf);
            totalBytes += update.length();
            if (totalBytes > Limits.VALUE_BYTES_MAX) {
                throw new BadFieldException(
                        "value bytes "
                                + totalBytes
                                + " exceed VALUE_BYTES_MAX "
                                + Limits.VALUE_BYTES_MAX);
            }
            updates.add(update);
        }
        return new ClientValue(updates, synced);
    }

    static void writeLogEntry(Output output, LogEntry entry) {
        output.writeLong(entry.term());
        output.writeLong(entry.index());
        writeValue(output, entry.value());
    }

    static LogEntry readLogEntry(Input input) {
        long term = Fields.readLong(input, "entry term");
        long index = Fields.readLong(input, "entry index");
        if (index < 0) {
            throw new BadFieldException("entry index " + index + " is negative");
        }
        return new LogEntry(term, index, readValue(input));
    }
}
