package io.rarakoon.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rarakoon.paxos.message.LogEntry;

/**
 * Body: a log entry as {@link Values} lays it out (int64 term, int64 index, value). The node's
 * write-ahead log stores each accepted value as one such frame.
 */
final class LogEntrySerializer extends Serializer<LogEntry> {
    @Override
    public void write(Kryo kryo, Output output, LogEntry entry) {
        Values.writeLogEntry(output, entry);
    }

    @Override
    public LogEntry read(Kryo kryo, Input input, Class<? extends LogEntry> type) {
        return Values.readLogEntry(input);
    }
}
