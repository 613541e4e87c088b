package io.rarakoon.wire;

/**
 * The first frame on every node-to-node connection, sent by both ends: the connecting node sends
 * its own, the accepting node validates it and answers with its own. On the wire it starts with
 * {@link #MAGIC}, so a stray client or port scanner is recognised after a few bytes.
 *
 * @param protocolVersion the sender's protocol version; {@link #PROTOCOL_VERSION} today
 * @param clusterId the sender's cluster id, at most {@link Limits#CLUSTER_ID_BYTES_MAX} UTF-8 bytes
 * @param nodeName the sender's node name, at most {@link Limits#NODE_NAME_BYTES_MAX} UTF-8 bytes
 */
public record Handshake(int protocolVersion, String clusterId, String nodeName) {
    /** The first four body bytes of a handshake after its tag: ASCII "RRKN". */
    public static final int MAGIC = 0x52524B4E;

    /** The protocol version this build speaks; a peer with another version is refused. */
    public static final int PROTOCOL_VERSION = 1;

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the field if a name is empty or longer than its limit
     */
    public Handshake {
        requireName("clusterId", clusterId, Limits.CLUSTER_ID_BYTES_MAX);
        requireName("nodeName", nodeName, Limits.NODE_NAME_BYTES_MAX);
    }

    private static void requireName(String field, String value, int bytesMax) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        Fields.requireUtf8Length(field, value, bytesMax);
    }
}
