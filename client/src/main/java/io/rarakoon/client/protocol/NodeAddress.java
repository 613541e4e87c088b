package io.rarakoon.client.protocol;

import java.util.List;

/**
 * One node of a nursery client configuration (spec §9.3).
 *
 * @param name the node's name
 * @param ips the node's addresses, in configured order (reversed on the wire)
 * @param clientPort the node's client port
 */
public record NodeAddress(ByteString name, List<ByteString> ips, int clientPort) {
    /** Copies the list so the record stays immutable. */
    public NodeAddress {
        ips = List.copyOf(ips);
    }
}
