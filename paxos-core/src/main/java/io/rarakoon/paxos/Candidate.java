package io.rarakoon.paxos;

import io.rarakoon.paxos.RoleState.MasterWork;
import io.rarakoon.paxos.RoleState.Proposal;
import io.rarakoon.paxos.RoleState.SlaveSteadyState;
import io.rarakoon.paxos.RoleState.WaitForPromises;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.MasterValue;
import io.rarakoon.paxos.message.Nak;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Prepare;
import io.rarakoon.paxos.message.Promise;
import io.rarakoon.paxos.message.Value;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Phase 1: Arakoon's election states (election_suggest, promises_check_done, wait_for_promises).
 */
final class Candidate {

    private Candidate() {}

    /**
     * Runs for master with a term above every term seen, at this node's next index; the node
     * promises itself first, so its own term is durable before anybody can answer.
     */
    static PaxosState start(Turn turn, PaxosState state) {
        Cluster cluster = turn.cluster();
        long above = Math.max(state.promisedTerm(), state.termSeenMax());
        long term = Timing.nextTerm(cluster.voters(), turn.self(), above);
        long index = state.nextIndex();
        turn.add(new Effect.PersistPromise(term));
        turn.broadcast(cluster.otherVoters(turn.self()), new Prepare(term, index));
        turn.note("election", "term=" + term + " index=" + index);
        SortedMap<NodeId, Optional<LogEntry>> promises = new TreeMap<>();
        promises.put(turn.self(), state.lastAccepted().filter(entry -> entry.index() == index));
        WaitForPromises waiting =
                new WaitForPromises(term, index, promises, Timing.electionDeadline(turn));
        PaxosState candidate =
                state.withPromisedTerm(term).withRespect(Optional.empty()).withRole(waiting);
        return checkPromises(turn, candidate, waiting);
    }

    /** Counts a promise; with a quorum, proposes (Arakoon's promises_check_done). */
    static PaxosState onPromise(Turn turn, PaxosState state, NodeId from, Promise promise) {
        if (!(state.roleState() instanceof WaitForPromises waiting)
                || promise.term() != waiting.term()) {
            turn.note("ignored-stale-promise", from + " " + promise);
            return state;
        }
        if (!turn.cluster().isVoter(from) || waiting.promises().containsKey(from)) {
            turn.note("ignored-duplicate-promise", from + " " + promise);
            return state;
        }
        if (promise.nextIndex() > waiting.index() + 1
                || (promise.nextIndex() == waiting.index() + 1 && promise.accepted().isEmpty())) {
            return Follower.startCatchup(turn, state, from);
        }
        // A promiser behind our index holds nothing at it, and its promise binds every index;
        // one that applied our index reports the chosen value.
        SortedMap<NodeId, Optional<LogEntry>> promises = new TreeMap<>(waiting.promises());
        promises.put(from, promise.accepted().filter(e -> e.index() == waiting.index()));
        WaitForPromises counted =
                new WaitForPromises(
                        waiting.term(), waiting.index(), promises, waiting.deadlineMillis());
        return checkPromises(turn, state.withRole(counted), counted);
    }

    private static PaxosState checkPromises(Turn turn, PaxosState state, WaitForPromises waiting) {
        if (waiting.promises().size() < turn.cluster().quorum()) {
            return state;
        }
        // Textbook Paxos: re-propose the entry accepted in the highest term, else our lease.
        Optional<LogEntry> highest =
                waiting.promises().values().stream()
                        .flatMap(Optional::stream)
                        .max(Comparator.comparingLong(LogEntry::term));
        Value value =
                highest.map(LogEntry::value)
                        .orElseGet(() -> new MasterValue(turn.self(), turn.now()));
        turn.note(
                "promised-by-quorum",
                "term=" + waiting.term() + " voters=" + waiting.promises().keySet());
        Proposal proposal = new Proposal(waiting.term(), waiting.index(), value, List.of());
        return Master.propose(turn, state, proposal, MasterWork.FRESH);
    }

    /** A refusal: catch up when the refuser is ahead, back off when it follows a higher term. */
    static PaxosState onNak(Turn turn, PaxosState state, NodeId from, Nak nak) {
        WaitForPromises waiting = (WaitForPromises) state.roleState();
        if (nak.term() != waiting.term()) {
            turn.note("ignored-stale-nak", from + " " + nak);
            return state;
        }
        if (nak.nextIndex() > waiting.index()) {
            return Follower.startCatchup(turn, state, from);
        }
        if (nak.currentTerm() > waiting.term()) {
            turn.note("lost-election", from + " " + nak);
            return state.withRole(new SlaveSteadyState(Timing.electionDeadline(turn)));
        }
        turn.note("ignored-nak", from + " " + nak);
        return state;
    }

    /** Re-sends the Prepare, same term, to the voters that did not promise yet. */
    static PaxosState onTick(Turn turn, PaxosState state) {
        WaitForPromises waiting = (WaitForPromises) state.roleState();
        if (turn.now() < waiting.deadlineMillis()) {
            return state;
        }
        List<NodeId> silent =
                turn.cluster().otherVoters(turn.self()).stream()
                        .filter(voter -> !waiting.promises().containsKey(voter))
                        .toList();
        turn.broadcast(silent, new Prepare(waiting.term(), waiting.index()));
        turn.note("prepare-resent", "term=" + waiting.term() + " to " + silent);
        return state.withRole(
                new WaitForPromises(
                        waiting.term(),
                        waiting.index(),
                        waiting.promises(),
                        Timing.electionDeadline(turn)));
    }
}
