package io.rarakoon.messenger;

import io.rarakoon.wire.Handshake;
import java.util.Optional;
import java.util.function.Predicate;

/** The checks both ends apply to a peer's handshake: version, cluster id, and the node's name. */
final class HandshakeCheck {
    private final String clusterId;

    HandshakeCheck(String clusterId) {
        this.clusterId = clusterId;
    }

    /**
     * Why the handshake is refused, or empty if it is acceptable.
     *
     * @param expectedName accepts the node names this end may talk to
     */
    Optional<String> refusalOf(Handshake handshake, Predicate<String> expectedName) {
        if (handshake.protocolVersion() != Handshake.PROTOCOL_VERSION) {
            return Optional.of(
                    "protocol version "
                            + handshake.protocolVersion()
                            + ", this node speaks "
                            + Handshake.PROTOCOL_VERSION);
        }
        if (!handshake.clusterId().equals(clusterId)) {
            return Optional.of(
                    "cluster id '" + handshake.clusterId() + "', expected '" + clusterId + "'");
        }
        if (!expectedName.test(handshake.nodeName())) {
            return Optional.of("unexpected node name '" + handshake.nodeName() + "'");
        }
        return Optional.empty();
    }
}
