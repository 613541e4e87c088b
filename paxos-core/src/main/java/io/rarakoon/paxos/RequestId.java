package io.rarakoon.paxos;

/**
 * Identifies one client request (an update or an admin command) so that the node can route the
 * core's {@link Effect.Apply} and {@link Effect.Reply} back to the waiting client.
 *
 * @param value chosen by the node, unique among the requests it has pending
 */
public record RequestId(long value) {

    @Override
    public String toString() {
        return "r" + value;
    }
}
