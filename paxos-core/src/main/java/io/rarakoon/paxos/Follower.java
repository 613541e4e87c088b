package io.rarakoon.paxos;

import io.rarakoon.paxos.RoleState.LeaseView;
import io.rarakoon.paxos.RoleState.Respect;
import io.rarakoon.paxos.RoleState.SlaveCatchingUp;
import io.rarakoon.paxos.RoleState.SlaveSteadyState;
import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.Accepted;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.MasterValue;
import io.rarakoon.paxos.message.Nak;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Prepare;
import io.rarakoon.paxos.message.Promise;
import java.util.List;
import java.util.Optional;

/**
 * The acceptor side: start-up, the promise rule (spec §1.6), accepting values and the commit rule
 * (spec §1.10), the follower's timeouts and catch-up (Arakoon's slave states).
 */
final class Follower {

    private Follower() {}

    /**
     * Restarts from durable state. A node that persisted anything may have accepted a lease value
     * it no longer remembers, so it promises nobody for one lease period (Arakoon does the same by
     * restarting the lease of the master its store names). A single voter elects itself.
     */
    static PaxosState recover(Turn turn, DurableState durable) {
        PaxosState state =
                PaxosState.initial(turn.self())
                        .withPromisedTerm(durable.promisedTerm())
                        .withLog(durable.appliedIndex(), durable.lastAccepted());
        turn.note(
                "recovered",
                "promisedTerm="
                        + durable.promisedTerm()
                        + " applied="
                        + durable.appliedIndex()
                        + " last="
                        + durable.lastAccepted().map(LogEntry::index).orElse(-1L));
        Cluster cluster = turn.cluster();
        if (cluster.voters().equals(List.of(turn.self()))) {
            return Candidate.start(turn, state);
        }
        if (!durable.isEmpty()) {
            LeaseView quiet = new LeaseView(Optional.empty(), turn.now() + turn.leaseMillis());
            state = state.withLease(Optional.of(quiet));
        }
        return state.withRole(new SlaveSteadyState(Timing.slaveDeadline(turn, turn.now())));
    }

    /** The promise rule (spec §1.6), used in every state but catch-up. */
    static PaxosState onPrepare(Turn turn, PaxosState state, NodeId from, Prepare prepare) {
        Cluster cluster = turn.cluster();
        Nak nak = new Nak(prepare.term(), state.promisedTerm(), state.nextIndex());
        if (prepare.term() < 0 || !cluster.isVoter(from) || !cluster.isVoter(turn.self())) {
            turn.send(from, nak);
            turn.note("answered-poll", from + " " + prepare);
            return state;
        }
        if (cluster.masterMode() == MasterMode.FORCED && !cluster.masters().contains(from)) {
            turn.send(from, nak);
            turn.note("refused-prepare-not-forced-master", from + " " + prepare);
            return state;
        }
        if (leaseBlocks(turn, state, from)) {
            turn.note("dropped-prepare-lease", from + " " + prepare + " " + state.lease());
            return state;
        }
        boolean again =
                prepare.term() == state.promisedTerm()
                        && Timing.ownerOfTerm(cluster.voters(), prepare.term()).equals(from);
        if ((prepare.term() <= state.promisedTerm() && !again) || isAhead(state, prepare.index())) {
            turn.send(from, nak);
            turn.note("refused-prepare", from + " " + prepare + " answered " + nak);
            return state;
        }
        if (respectBlocks(turn, state, from)) {
            turn.note("dropped-prepare-respect", from + " " + prepare + " " + state.respect());
            return state;
        }
        return promise(turn, state, from, prepare);
    }

    /**
     * True when this node applied a value at or above the candidate's index that it cannot report.
     * The last applied value can be reported: a candidate one behind (as every follower is right
     * after a master steps down) then re-proposes the chosen value instead of having to catch up
     * first.
     */
    private static boolean isAhead(PaxosState state, long candidateIndex) {
        boolean lastApplied =
                state.lastAccepted().filter(e -> e.index() == state.appliedIndex()).isPresent();
        return candidateIndex < state.appliedIndex()
                || (candidateIndex == state.appliedIndex() && !lastApplied);
    }

    /**
     * Promises {@code prepare.term()}, persisting it first; a candidate whose earlier Promise was
     * lost gets it again.
     */
    private static PaxosState promise(Turn turn, PaxosState state, NodeId from, Prepare prepare) {
        if (prepare.term() > state.promisedTerm()) {
            turn.add(new Effect.PersistPromise(prepare.term()));
        }
        Optional<LogEntry> accepted =
                state.lastAccepted().filter(entry -> entry.index() == prepare.index());
        turn.send(from, new Promise(prepare.term(), state.nextIndex(), accepted));
        turn.note("promised", from + " term=" + prepare.term() + " index=" + prepare.index());
        Respect respect = new Respect(from, turn.now() + Timing.respectPeriod(turn));
        PaxosState promised =
                Master.stepDown(turn, state, "promised " + from)
                        .withPromisedTerm(prepare.term())
                        .withRespect(Optional.of(respect));
        if (prepare.index() > state.nextIndex()) {
            return startCatchup(turn, promised, from);
        }
        return promised.withRole(new SlaveSteadyState(Timing.electionDeadline(turn)));
    }

    private static boolean leaseBlocks(Turn turn, PaxosState state, NodeId candidate) {
        return state.lease()
                .filter(lease -> turn.now() < lease.expiresAtMillis())
                .filter(lease -> !lease.holder().equals(Optional.of(candidate)))
                .isPresent();
    }

    private static boolean respectBlocks(Turn turn, PaxosState state, NodeId candidate) {
        return state.respect()
                .filter(respect -> turn.now() < respect.untilMillis())
                .filter(respect -> !respect.candidate().equals(candidate))
                .isPresent();
    }

    /** Phase 2 on the acceptor side, in every state but catch-up. */
    static PaxosState onAccept(Turn turn, PaxosState state, NodeId from, Accept accept) {
        if (accept.term() < state.promisedTerm() || accept.index() < 0) {
            turn.send(from, new Nak(accept.term(), state.promisedTerm(), state.nextIndex()));
            turn.note(
                    "refused-accept",
                    from + " " + brief(accept) + " promised=" + state.promisedTerm());
            return state;
        }
        PaxosState.Role role = state.role();
        if (role == PaxosState.Role.MASTER || role == PaxosState.Role.CANDIDATE) {
            if (accept.term() == state.promisedTerm()) {
                turn.note("ignored-accept-in-own-term", from + " " + brief(accept));
                return state;
            }
            state = Master.stepDown(turn, state, "accept from " + from + " in higher term");
        }
        return follow(turn, state, from, accept);
    }

    private static PaxosState follow(Turn turn, PaxosState state, NodeId from, Accept accept) {
        long next = state.nextIndex();
        Optional<LogEntry> last = state.lastAccepted();
        if (accept.index() == next) {
            return acceptValue(turn, state, from, accept);
        }
        if (accept.index() == next + 1
                && last.isPresent()
                && last.get().index() == next
                && last.get().term() == accept.term()) {
            // The proposer of our pending entry moved on: that entry is chosen (spec §1.10).
            LogEntry chosen = last.get();
            turn.add(new Effect.Apply(chosen.index(), chosen.value(), List.of()));
            return acceptValue(turn, state.withLog(chosen.index(), last), from, accept);
        }
        if (accept.index() > next) {
            return startCatchup(turn, state, from);
        }
        boolean appliedSame =
                last.filter(e -> e.index() == accept.index() && e.value().equals(accept.value()))
                        .isPresent();
        if (accept.index() == state.appliedIndex() && appliedSame) {
            // A re-sent Accept for the value we applied last: acknowledge it again.
            PaxosState raised = raisePromise(turn, state, accept.term());
            if (turn.cluster().isVoter(turn.self())) {
                turn.send(from, new Accepted(accept.term(), accept.index()));
            }
            turn.note("acknowledged-again", from + " " + brief(accept));
            return raised;
        }
        turn.send(from, new Nak(accept.term(), state.promisedTerm(), next));
        turn.note("refused-accept-below-applied", from + " " + brief(accept) + " next=" + next);
        return state;
    }

    private static PaxosState acceptValue(Turn turn, PaxosState state, NodeId from, Accept accept) {
        PaxosState raised = raisePromise(turn, state, accept.term());
        LogEntry entry = new LogEntry(accept.term(), accept.index(), accept.value());
        turn.add(new Effect.PersistAccepted(entry));
        if (turn.cluster().isVoter(turn.self())) {
            turn.send(from, new Accepted(accept.term(), accept.index()));
        }
        PaxosState logged = raised.withLog(raised.appliedIndex(), Optional.of(entry));
        if (accept.value() instanceof MasterValue lease) {
            // Granting a lease: promise nobody else for L on our own clock (spec §1.9).
            LeaseView view =
                    new LeaseView(Optional.of(lease.master()), turn.now() + turn.leaseMillis());
            return logged.withLease(Optional.of(view))
                    .withRole(new SlaveSteadyState(Timing.slaveDeadline(turn, turn.now())));
        }
        if (logged.roleState() instanceof SlaveSteadyState) {
            return logged;
        }
        return logged.withRole(new SlaveSteadyState(Timing.slaveDeadline(turn, turn.now())));
    }

    private static PaxosState raisePromise(Turn turn, PaxosState state, long term) {
        if (term <= state.promisedTerm()) {
            return state;
        }
        turn.add(new Effect.PersistPromise(term));
        return state.withPromisedTerm(term);
    }

    /** A follower learns from a Nak (the answer to its poll) that it is behind. */
    static PaxosState onNak(Turn turn, PaxosState state, NodeId from, Nak nak) {
        if (nak.nextIndex() > state.nextIndex()) {
            return startCatchup(turn, state, from);
        }
        turn.note("ignored-nak", from + " " + nak);
        return state;
    }

    /**
     * Asks the node to copy what it misses from {@code from}; a master or candidate steps down
     * first.
     */
    static PaxosState startCatchup(Turn turn, PaxosState state, NodeId from) {
        PaxosState follower = Master.stepDown(turn, state, "behind " + from);
        turn.add(new Effect.StartCatchup(from, state.nextIndex()));
        turn.note("catching-up", "from " + from + " index=" + state.nextIndex());
        return follower.withRole(new SlaveCatchingUp(from, state.nextIndex()));
    }

    /** The node copied and applied what it could; the follower carries on from there. */
    static PaxosState onCatchupFinished(
            Turn turn, PaxosState state, Event.CatchupFinished finished) {
        if (!(state.roleState() instanceof SlaveCatchingUp)) {
            throw new IllegalStateException("CatchupFinished while " + state.stateName());
        }
        if (finished.appliedIndex() < state.appliedIndex()) {
            throw new IllegalArgumentException(
                    "catch-up appliedIndex "
                            + finished.appliedIndex()
                            + " below previous appliedIndex "
                            + state.appliedIndex());
        }
        turn.note("caught-up", "applied=" + finished.appliedIndex());
        // The master's next lease value will reach us; give it a follower's full patience.
        return state.withLog(finished.appliedIndex(), finished.lastAccepted())
                .withRole(new SlaveSteadyState(Timing.slaveDeadline(turn, turn.now())));
    }

    /**
     * The follower's deadline passed: run for master when no lease or respect holds it back; nodes
     * that may not run poll the voters instead, to notice a position they missed.
     */
    static PaxosState onTick(Turn turn, PaxosState state) {
        SlaveSteadyState slave = (SlaveSteadyState) state.roleState();
        long now = turn.now();
        if (now < slave.deadlineMillis()) {
            return state;
        }
        Cluster cluster = turn.cluster();
        if (!cluster.mayRunForMaster(turn.self())) {
            turn.broadcast(cluster.otherVoters(turn.self()), new Prepare(-1, state.nextIndex()));
            return state.withRole(new SlaveSteadyState(Timing.slaveDeadline(turn, now)));
        }
        long blockedUntil = Long.MIN_VALUE;
        if (state.lease().isPresent()) {
            blockedUntil = state.lease().get().expiresAtMillis();
        }
        if (state.respect().isPresent()) {
            blockedUntil = Math.max(blockedUntil, state.respect().get().untilMillis());
        }
        if (now < blockedUntil) {
            return state.withRole(new SlaveSteadyState(Timing.afterBlock(turn, blockedUntil)));
        }
        return Candidate.start(turn, state);
    }

    static String brief(Accept accept) {
        return "Accept[term=" + accept.term() + ", index=" + accept.index() + "]";
    }
}
