package io.rarakoon.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** Body: int64 index, bytes payload. */
final class CatchupEntrySerializer extends Serializer<CatchupEntry> {
    @Override
    public void write(Kryo kryo, Output output, CatchupEntry entry) {
        output.writeLong(entry.index());
        Fields.writeBytes(output, entry.payload());
    }

    @Override
    public CatchupEntry read(Kryo kryo, Input input, Class<? extends CatchupEntry> type) {
        long index = Fields.readLong(input, "index");
        if (index < 0) {
            throw new BadFieldException("index " + index + " is negative");
        }
        byte[] payload = Fields.readBytes(input, "payload", Limits.ENTRY_PAYLOAD_BYTES_MAX);
        return new CatchupEntry(index, payload);
    }
}
