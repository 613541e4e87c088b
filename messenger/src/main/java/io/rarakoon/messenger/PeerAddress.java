package io.rarakoon.messenger;

/**
 * Where a peer listens for node-to-node connections.
 *
 * @param nodeName the peer's node name, as in the cluster file and its handshake
 * @param host the host name or IP address
 * @param port the messaging port, 1 to 65535
 */
public record PeerAddress(String nodeName, String host, int port) {
    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a name is empty or the port is out of range
     */
    public PeerAddress {
        if (nodeName.isEmpty() || host.isEmpty()) {
            throw new IllegalArgumentException("nodeName and host must not be empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " outside [1, 65535]");
        }
    }
}
