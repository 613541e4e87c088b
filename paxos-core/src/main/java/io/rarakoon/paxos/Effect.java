package io.rarakoon.paxos;

import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.Message;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Value;
import java.util.List;
import java.util.Optional;

/** A command the node executes for the core, in {@link Phase} order. */
public sealed interface Effect {

    /** When the node executes this effect. */
    Phase phase();

    /**
     * Throws unless the effects are in phase order (notes excepted). Always on: a send before the
     * persist it reports would lose acknowledged data after a crash.
     *
     * @throws IllegalStateException naming the first effect out of order
     */
    static void requirePhaseOrder(List<Effect> effects) {
        Phase reached = Phase.PERSIST;
        for (Effect effect : effects) {
            Phase phase = effect.phase();
            if (phase == Phase.NOTE) {
                continue;
            }
            if (phase.compareTo(reached) < 0) {
                throw new IllegalStateException(
                        "effect " + effect + " in phase " + phase + " after phase " + reached);
            }
            reached = phase;
        }
    }

    /**
     * Persist the promised term (a small durable file), before any message reporting it.
     *
     * @param term the new promised term; never lower than the last one persisted
     */
    record PersistPromise(long term) implements Effect {
        @Override
        public Phase phase() {
            return Phase.PERSIST;
        }
    }

    /**
     * Append the entry to the write-ahead log. Its index is the log's last index + 1, or the last
     * index itself, whose value it replaces (the last write of an index wins).
     *
     * @param entry the accepted entry
     */
    record PersistAccepted(LogEntry entry) implements Effect {
        @Override
        public Phase phase() {
            return Phase.PERSIST;
        }
    }

    /**
     * Send a message to one peer; loss is tolerated.
     *
     * @param to the peer
     * @param message the message
     */
    record Send(NodeId to, Message message) implements Effect {
        @Override
        public Phase phase() {
            return Phase.SEND;
        }
    }

    /**
     * Send one message to several peers; loss is tolerated.
     *
     * @param to the peers, in config order
     * @param message the message
     */
    record Broadcast(List<NodeId> to, Message message) implements Effect {
        /** Copies the list. */
        public Broadcast {
            to = List.copyOf(to);
        }

        @Override
        public Phase phase() {
            return Phase.SEND;
        }
    }

    /**
     * Bring the log and the store up to {@code from}'s applied index (spec §1.14), then feed {@link
     * Event.CatchupFinished} back, also when it failed. Runs outside the node loop.
     *
     * @param from the peer to copy from
     * @param fromIndex the first index this node misses
     */
    record StartCatchup(NodeId from, long fromIndex) implements Effect {
        @Override
        public Phase phase() {
            return Phase.SEND;
        }
    }

    /**
     * Apply the chosen value at {@code index} to the store (the store's next index), then answer
     * the clients of {@code requestIds}, one per update, with the store's results.
     *
     * @param index the index of the value
     * @param value the chosen value
     * @param requestIds the waiting requests of the value's updates, in update order; empty on
     *     every node but the master that proposed them
     */
    record Apply(long index, Value value, List<RequestId> requestIds) implements Effect {
        /** Copies the list. */
        public Apply {
            requestIds = List.copyOf(requestIds);
        }

        @Override
        public Phase phase() {
            return Phase.APPLY;
        }
    }

    /**
     * Answer a request without applying anything.
     *
     * @param requestId the request
     * @param outcome the answer
     * @param master the master this node knows of, for NOT_MASTER
     * @param detail a human-readable reason naming the field, the limit and the value seen
     */
    record Reply(RequestId requestId, Outcome outcome, Optional<NodeId> master, String detail)
            implements Effect {
        @Override
        public Phase phase() {
            return Phase.REPLY;
        }
    }

    /**
     * A structured trace line for the node to log; changes nothing.
     *
     * @param kind a stable dash-separated key, e.g. {@code ignored-stale-accept}
     * @param detail the numbers that explain it
     */
    record Note(String kind, String detail) implements Effect {
        @Override
        public Phase phase() {
            return Phase.NOTE;
        }
    }
}
