package io.rarakoon.paxos;

import io.rarakoon.paxos.RoleState.SlaveCatchingUp;
import io.rarakoon.paxos.RoleState.SlaveSteadyState;
import io.rarakoon.paxos.RoleState.Starting;
import io.rarakoon.paxos.RoleState.WaitForPromises;
import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.Accepted;
import io.rarakoon.paxos.message.Message;
import io.rarakoon.paxos.message.Nak;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Prepare;
import io.rarakoon.paxos.message.Promise;

/**
 * Arakoon's Multi-Paxos (spec §1) as a pure function. The node loop calls {@link #step} for every
 * event and executes the returned effects in phase order; the core itself does no I/O, reads no
 * clock and keeps no state between calls.
 */
public final class Paxos {

    private Paxos() {}

    /**
     * Computes the next state and the effects of one event. Pure: equal arguments give an equal
     * transition. Runs on the caller's thread (the node loop); nothing is durable until the node
     * has executed the PERSIST effects and fsynced.
     *
     * <p>Peer input that is stale, duplicated, from an unknown node or of another cluster is
     * ignored with a {@link Effect.Note}; it never throws.
     *
     * @throws IllegalArgumentException if {@code context.self()} is not the state's node, or if the
     *     node breaks the contract of {@link Event.Recovered} or {@link Event.CatchupFinished}
     * @throws IllegalStateException if CatchupFinished arrives while no catch-up runs
     */
    public static Transition step(Context context, PaxosState state, Event event) {
        if (!context.self().equals(state.self())) {
            throw new IllegalArgumentException(
                    "context self " + context.self() + " is not state self " + state.self());
        }
        Turn turn = new Turn(context);
        PaxosState next = dispatch(turn, state, event);
        return new Transition(next, turn.effects());
    }

    private static PaxosState dispatch(Turn turn, PaxosState state, Event event) {
        if (event instanceof Event.Recovered recovered) {
            return Follower.recover(turn, recovered.durable());
        }
        if (event instanceof Event.ClientUpdate update) {
            return Master.onClientUpdate(turn, state, update);
        }
        if (event instanceof Event.DropMaster drop) {
            return Master.onDropMaster(turn, state, drop);
        }
        if (state.roleState() instanceof Starting) {
            String what =
                    event instanceof Event.Received received
                            ? brief(received)
                            : event.getClass().getSimpleName();
            turn.note("ignored-before-recovered", what);
            return state;
        }
        if (event instanceof Event.Tick) {
            return onTick(turn, state);
        }
        if (event instanceof Event.Received received) {
            return onReceived(turn, state, received);
        }
        if (event instanceof Event.CatchupFinished finished) {
            return Follower.onCatchupFinished(turn, state, finished);
        }
        throw new AssertionError("unhandled " + event);
    }

    private static PaxosState onTick(Turn turn, PaxosState state) {
        RoleState role = state.roleState();
        if (role instanceof WaitForPromises) {
            return Candidate.onTick(turn, state);
        }
        if (role instanceof SlaveSteadyState) {
            return Follower.onTick(turn, state);
        }
        if (role instanceof SlaveCatchingUp) {
            return state;
        }
        return Master.onTick(turn, state);
    }

    private static PaxosState onReceived(Turn turn, PaxosState state, Event.Received received) {
        Cluster cluster = turn.cluster();
        if (!received.clusterId().equals(cluster.clusterId())) {
            turn.note("ignored-other-cluster", brief(received));
            return state;
        }
        if (!cluster.isMember(received.from()) || received.from().equals(turn.self())) {
            turn.note("ignored-unknown-node", brief(received));
            return state;
        }
        if (state.roleState() instanceof SlaveCatchingUp) {
            turn.note("ignored-while-catching-up", brief(received));
            return state;
        }
        Message message = received.message();
        if (!cluster.isVoter(received.from()) && !(message instanceof Prepare)) {
            // Learners only ever poll; anything else from them is not theirs to send.
            turn.note("ignored-from-learner", brief(received));
            return state;
        }
        PaxosState seen = state.withTermSeen(termOf(message));
        if (message instanceof Prepare prepare) {
            return Follower.onPrepare(turn, seen, received.from(), prepare);
        }
        if (message instanceof Promise promise) {
            return Candidate.onPromise(turn, seen, received.from(), promise);
        }
        if (message instanceof Accept accept) {
            return Follower.onAccept(turn, seen, received.from(), accept);
        }
        if (message instanceof Accepted accepted) {
            return Master.onAccepted(turn, seen, received.from(), accepted);
        }
        if (message instanceof Nak nak) {
            return onNak(turn, seen, received.from(), nak);
        }
        throw new AssertionError("unhandled " + message);
    }

    private static PaxosState onNak(Turn turn, PaxosState state, NodeId from, Nak nak) {
        if (state.roleState() instanceof WaitForPromises) {
            return Candidate.onNak(turn, state, from, nak);
        }
        if (state.role() == PaxosState.Role.MASTER) {
            return Master.onNak(turn, state, from, nak);
        }
        return Follower.onNak(turn, state, from, nak);
    }

    private static String brief(Event.Received received) {
        return received.from()
                + " "
                + received.message().getClass().getSimpleName()
                + " of cluster "
                + received.clusterId();
    }

    private static long termOf(Message message) {
        if (message instanceof Prepare prepare) {
            return prepare.term();
        }
        if (message instanceof Promise promise) {
            return promise.term();
        }
        if (message instanceof Accept accept) {
            return accept.term();
        }
        if (message instanceof Accepted accepted) {
            return accepted.term();
        }
        if (message instanceof Nak nak) {
            return nak.currentTerm();
        }
        throw new AssertionError("unhandled " + message);
    }
}
