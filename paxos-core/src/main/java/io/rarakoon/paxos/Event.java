package io.rarakoon.paxos;

import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.Message;
import io.rarakoon.paxos.message.NodeId;
import java.util.Optional;

/** A fact the node hands to {@link Paxos#step}. */
public sealed interface Event {

    /** Time passed: the core checks its deadlines against {@link Context#nowMillis()}. */
    record Tick() implements Event {}

    /**
     * A message from a peer.
     *
     * @param from the sender as established by the connection handshake
     * @param clusterId the cluster id of the sender's handshake
     * @param message the message
     */
    record Received(NodeId from, String clusterId, Message message) implements Event {}

    /**
     * A client asks the master to commit an update.
     *
     * @param requestId routes the answer back
     * @param update the encoded update; opaque to the core
     * @param synced true when the update is a synced sequence
     */
    record ClientUpdate(RequestId requestId, ByteString update, boolean synced) implements Event {}

    /**
     * The admin asks this node to stop being master (spec §1.12).
     *
     * @param requestId routes the answer back
     */
    record DropMaster(RequestId requestId) implements Event {}

    /**
     * The node (re)started with what it had persisted. Always the first event.
     *
     * @param durable the persisted promise, the log tail and the store position
     */
    record Recovered(DurableState durable) implements Event {}

    /**
     * A catch-up asked by {@link Effect.StartCatchup} ended, successfully or not: the node has
     * logged and applied what it received.
     *
     * @param appliedIndex the store's applied index now; never lower than before
     * @param lastAccepted the log's last entry now, as in {@link DurableState}
     */
    record CatchupFinished(long appliedIndex, Optional<LogEntry> lastAccepted) implements Event {

        /**
         * Checks the relation between the log and the store.
         *
         * @throws IllegalArgumentException if the node broke the contract
         */
        public CatchupFinished {
            DurableState.requireLogFitsStore(lastAccepted, appliedIndex);
        }
    }
}
