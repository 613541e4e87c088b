package io.rarakoon.paxos;

/**
 * When the node executes an effect. A batch of transitions runs as: every PERSIST, one fsync, every
 * SEND, every APPLY, every REPLY. NOTE effects are traces and may appear anywhere.
 */
public enum Phase {
    /** Write to durable storage; made durable by the batch's fsync. */
    PERSIST,
    /** Hand a message to the network, or start long I/O. */
    SEND,
    /** Apply a chosen value to the store. */
    APPLY,
    /** Answer a waiting client. */
    REPLY,
    /** A structured trace line, no effect on anything. */
    NOTE
}
