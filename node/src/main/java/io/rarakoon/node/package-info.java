/** The node driver: one loop that wires paxos-core to storage, network and clock through ports. */
package io.rarakoon.node;
