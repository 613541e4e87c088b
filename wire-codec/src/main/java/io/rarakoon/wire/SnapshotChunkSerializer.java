package io.rarakoon.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** Body: int64 offset, bytes chunk, boolean last. */
final class SnapshotChunkSerializer extends Serializer<SnapshotChunk> {
    @Override
    public void write(Kryo kryo, Output output, SnapshotChunk chunk) {
        output.writeLong(chunk.offsetBytes());
        Fields.writeBytes(output, chunk.bytes());
        output.writeBoolean(chunk.last());
    }

    @Override
    public SnapshotChunk read(Kryo kryo, Input input, Class<? extends SnapshotChunk> type) {
        long offsetBytes = Fields.readLong(input, "offsetBytes");
        if (offsetBytes < 0) {
            throw new BadFieldException("offsetBytes " + offsetBytes + " is negative");
        }
        byte[] bytes = Fields.readBytes(input, "chunk", Limits.SNAPSHOT_CHUNK_BYTES_MAX);
        boolean last = Fields.readBoolean(input, "last");
        return new SnapshotChunk(offsetBytes, bytes, last);
    }
}
