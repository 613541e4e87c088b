package io.rarakoon.client.protocol;

/** A nursery routing tree (spec §9.2): keys below a separator go left, the others right. */
public sealed interface RoutingTree {
    /**
     * A cluster, {@code 01} + string on the wire.
     *
     * @param clusterId the cluster that owns this part of the key space
     */
    record Leaf(ByteString clusterId) implements RoutingTree {}

    /**
     * A split, {@code 00} + separator + left + right on the wire.
     *
     * @param separator the smallest key routed right
     * @param left the tree for keys below the separator
     * @param right the tree for the other keys
     */
    record Branch(ByteString separator, RoutingTree left, RoutingTree right)
            implements RoutingTree {}
}
