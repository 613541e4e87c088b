package io.rarakoon.client;

/**
 * A node of the cluster as the client reaches it.
 *
 * @param name the node's name, as WHO_MASTER reports it
 * @param host the host name or address of its client port
 * @param port its client port
 */
public record NodeEndpoint(String name, String host, int port) {
    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the name or host is empty or the port is not 1..65535
     */
    public NodeEndpoint {
        if (name.isEmpty() || host.isEmpty()) {
            throw new IllegalArgumentException("node name and host must not be empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(
                    "node " + name + " port " + port + " not in 1..65535");
        }
    }
}
