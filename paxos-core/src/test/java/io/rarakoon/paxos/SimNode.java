package io.rarakoon.paxos;

import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.Message;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A node as the tests model it: a core state plus the durable promise, write-ahead log and store
 * that its effects change, with the node's side of the contracts checked on every effect (the log
 * only appends or rewrites its last index, the store applies indexes in order, the promise never
 * goes back). Crash keeps exactly what is durable; catch-up copies a source's applied entries. Used
 * by the golden transcripts and by the network of cores.
 */
final class SimNode {

    /** Where the harness hears about what nodes do, to check global invariants. */
    interface Observer {
        void accepted(NodeId node, LogEntry entry);

        void applied(NodeId node, long index, Value value, List<RequestId> requestIds);

        void replied(NodeId node, Effect.Reply reply);
    }

    /** A message a node asked to send. */
    record Outgoing(NodeId from, NodeId to, Message message) {}

    final NodeId id;
    PaxosState state;
    boolean up = true;
    Optional<Effect.StartCatchup> catchup = Optional.empty();
    private long promisedTerm;
    private final TreeMap<Long, LogEntry> wal = new TreeMap<>();
    private final TreeMap<Long, Value> store = new TreeMap<>();

    SimNode(NodeId id) {
        this.id = id;
        this.state = PaxosState.initial(id);
    }

    long appliedIndex() {
        return store.isEmpty() ? -1 : store.lastKey();
    }

    Map<Long, Value> store() {
        return store;
    }

    /** Forgets everything that is not durable. */
    void crash() {
        up = false;
        state = PaxosState.initial(id);
        catchup = Optional.empty();
    }

    /**
     * What the node hands to the core at restart: it replays its log into the store up to the last
     * entry, which may not be chosen.
     */
    DurableState recover(Observer observer) {
        up = true;
        long last = wal.isEmpty() ? -1 : wal.lastKey();
        for (long index = appliedIndex() + 1; index < last; index++) {
            applyToStore(index, wal.get(index).value(), List.of(), observer);
        }
        return new DurableState(promisedTerm, lastEntry(), appliedIndex());
    }

    private Optional<LogEntry> lastEntry() {
        return wal.isEmpty() ? Optional.empty() : Optional.of(wal.lastEntry().getValue());
    }

    /** Copies the source's applied entries this node misses, as the node's catch-up would. */
    Event.CatchupFinished finishCatchup(SimNode source, Observer observer) {
        catchup = Optional.empty();
        if (source.up) {
            for (long index = appliedIndex() + 1; index <= source.appliedIndex(); index++) {
                LogEntry entry = source.wal.get(index);
                wal.put(index, entry);
                wal.tailMap(index, false).clear();
                applyToStore(index, entry.value(), List.of(), observer);
            }
        }
        return new Event.CatchupFinished(appliedIndex(), lastEntry());
    }

    /** Executes a transition's effects in order and returns the messages to send. */
    List<Outgoing> execute(Transition transition, Observer observer) {
        state = transition.state();
        List<Outgoing> out = new ArrayList<>();
        for (Effect effect : transition.effects()) {
            if (effect instanceof Effect.PersistPromise promise) {
                check(promise.term() >= promisedTerm, "promise goes back", promise);
                promisedTerm = promise.term();
            } else if (effect instanceof Effect.PersistAccepted persist) {
                persist(persist.entry(), observer);
            } else if (effect instanceof Effect.Send send) {
                out.add(new Outgoing(id, send.to(), send.message()));
            } else if (effect instanceof Effect.Broadcast broadcast) {
                broadcast.to().forEach(to -> out.add(new Outgoing(id, to, broadcast.message())));
            } else if (effect instanceof Effect.StartCatchup start) {
                check(catchup.isEmpty(), "second catch-up", start);
                catchup = Optional.of(start);
            } else if (effect instanceof Effect.Apply apply) {
                applyToStore(apply.index(), apply.value(), apply.requestIds(), observer);
            } else if (effect instanceof Effect.Reply reply) {
                observer.replied(id, reply);
            } else if (!(effect instanceof Effect.Note)) {
                throw new AssertionError("unhandled " + effect);
            }
        }
        return out;
    }

    private void persist(LogEntry entry, Observer observer) {
        long last = wal.isEmpty() ? -1 : wal.lastKey();
        check(entry.index() == last || entry.index() == last + 1, "log gap", entry);
        check(entry.index() > appliedIndex(), "rewrites an applied index", entry);
        wal.put(entry.index(), entry);
        observer.accepted(id, entry);
    }

    private void applyToStore(long index, Value value, List<RequestId> ids, Observer observer) {
        check(index == appliedIndex() + 1, "store skips an index", index);
        check(
                wal.containsKey(index) && wal.get(index).value().equals(value),
                "applies a value its log does not hold",
                index);
        store.put(index, value);
        observer.applied(id, index, value, ids);
    }

    private void check(boolean ok, String what, Object detail) {
        if (!ok) {
            throw new AssertionError(id + ": " + what + ": " + detail + " in " + state);
        }
    }
}
