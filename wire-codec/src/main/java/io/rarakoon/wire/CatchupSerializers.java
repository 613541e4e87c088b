package io.rarakoon.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** Serializers of the catch-up request, batch end and snapshot header. */
final class CatchupSerializers {
    private CatchupSerializers() {}

    /** Body: int64 fromIndex (>= 0). */
    static final class RequestSerializer extends Serializer<CatchupRequest> {
        @Override
        public void write(Kryo kryo, Output output, CatchupRequest request) {
            output.writeLong(request.fromIndex());
        }

        @Override
        public CatchupRequest read(Kryo kryo, Input input, Class<? extends CatchupRequest> type) {
            long fromIndex = Fields.readLong(input, "fromIndex");
            if (fromIndex < 0) {
                throw new BadFieldException("fromIndex " + fromIndex + " is negative");
            }
            return new CatchupRequest(fromIndex);
        }
    }

    /** Body: int64 lastIndex (>= -1), int64 appliedIndex (>= -1). */
    static final class BatchEndSerializer extends Serializer<CatchupBatchEnd> {
        @Override
        public void write(Kryo kryo, Output output, CatchupBatchEnd end) {
            output.writeLong(end.lastIndex());
            output.writeLong(end.appliedIndex());
        }

        @Override
        public CatchupBatchEnd read(Kryo kryo, Input input, Class<? extends CatchupBatchEnd> type) {
            long lastIndex = Fields.readLong(input, "lastIndex");
            long appliedIndex = Fields.readLong(input, "appliedIndex");
            if (lastIndex < -1 || appliedIndex < -1) {
                throw new BadFieldException(
                        "lastIndex "
                                + lastIndex
                                + " or appliedIndex "
                                + appliedIndex
                                + " below -1");
            }
            return new CatchupBatchEnd(lastIndex, appliedIndex);
        }
    }

    /** Body: int64 headIndex (>= 0), int64 sizeBytes (>= 0), int32 crc32c. */
    static final class SnapshotHeaderSerializer extends Serializer<SnapshotHeader> {
        @Override
        public void write(Kryo kryo, Output output, SnapshotHeader header) {
            output.writeLong(header.headIndex());
            output.writeLong(header.sizeBytes());
            output.writeInt(header.crc32c());
        }

        @Override
        public SnapshotHeader read(Kryo kryo, Input input, Class<? extends SnapshotHeader> type) {
            long headIndex = Fields.readLong(input, "headIndex");
            long sizeBytes = Fields.readLong(input, "sizeBytes");
            int crc32c = Fields.readInt(input, "crc32c");
            if (headIndex < 0 || sizeBytes < 0) {
                throw new BadFieldException(
                        "headIndex " + headIndex + " or sizeBytes " + sizeBytes + " is negative");
            }
            return new SnapshotHeader(headIndex, sizeBytes, crc32c);
        }
    }
}
