package io.rarakoon.paxos.message;

/**
 * The name of a node, as in the cluster file. Ordered by name so that sets and maps of nodes
 * iterate in one deterministic order.
 *
 * @param name the node's unique, non-empty name
 */
public record NodeId(String name) implements Comparable<NodeId> {

    /**
     * Validates the name.
     *
     * @throws IllegalArgumentException if the name is empty
     */
    public NodeId {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("node name is empty");
        }
    }

    @Override
    public int compareTo(NodeId other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
