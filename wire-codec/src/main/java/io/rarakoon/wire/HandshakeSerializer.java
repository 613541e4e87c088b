package io.rarakoon.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** Body: int32 magic, int32 protocol version, string cluster id, string node name. */
final class HandshakeSerializer extends Serializer<Handshake> {
    @Override
    public void write(Kryo kryo, Output output, Handshake handshake) {
        output.writeInt(Handshake.MAGIC);
        output.writeInt(handshake.protocolVersion());
        Fields.writeString(output, handshake.clusterId());
        Fields.writeString(output, handshake.nodeName());
    }

    @Override
    public Handshake read(Kryo kryo, Input input, Class<? extends Handshake> type) {
        int magic = Fields.readInt(input, "handshake magic");
        if (magic != Handshake.MAGIC) {
            throw new BadFieldException(
                    "handshake magic 0x"
                            + Integer.toHexString(magic)
                            + " is not 0x"
                            + Integer.toHexString(Handshake.MAGIC));
        }
        int version = Fields.readInt(input, "protocolVersion");
        String clusterId = Fields.readString(input, "clusterId", Limits.CLUSTER_ID_BYTES_MAX);
        String nodeName = Fields.readString(input, "nodeName", Limits.NODE_NAME_BYTES_MAX);
        if (clusterId.isEmpty() || nodeName.isEmpty()) {
            throw new BadFieldException("clusterId and nodeName must not be empty");
        }
        return new Handshake(version, clusterId, nodeName);
    }
}
