package io.rarakoon.paxos;

import io.rarakoon.paxos.RoleState.LeaseView;
import io.rarakoon.paxos.RoleState.MasterWork;
import io.rarakoon.paxos.RoleState.PendingUpdate;
import io.rarakoon.paxos.RoleState.Proposal;
import io.rarakoon.paxos.RoleState.SlaveSteadyState;
import io.rarakoon.paxos.RoleState.StableMaster;
import io.rarakoon.paxos.RoleState.WaitForAccepteds;
import io.rarakoon.paxos.RoleState.WaitForPromises;
import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.Accepted;
import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.ClientValue;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.MasterValue;
import io.rarakoon.paxos.message.Nak;
import io.rarakoon.paxos.message.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Phase 2 and the master's duties: Arakoon's wait_for_accepteds, master_consensus, stable_master
 * and master_dictate, plus client updates, lease renewal and drop-master.
 */
final class Master {

    private Master() {}

    /** Logs the proposal, sends it to every peer and counts our own vote (master_dictate). */
    static PaxosState propose(Turn turn, PaxosState state, Proposal proposal, MasterWork work) {
        assert proposal.index() == state.nextIndex() : proposal + " at " + state.nextIndex();
        LogEntry entry = new LogEntry(proposal.term(), proposal.index(), proposal.value());
        turn.add(new Effect.PersistAccepted(entry));
        turn.broadcast(
                turn.cluster().peers(turn.self()),
                new Accept(proposal.term(), proposal.index(), proposal.value()));
        PaxosState logged = state.withLog(state.appliedIndex(), Optional.of(entry));
        if (proposal.value() instanceof MasterValue lease) {
            LeaseView view =
                    new LeaseView(Optional.of(lease.master()), turn.now() + turn.leaseMillis());
            logged = logged.withLease(Optional.of(view));
        }
        SortedSet<NodeId> accepted = new TreeSet<>(List.of(turn.self()));
        WaitForAccepteds waiting =
                new WaitForAccepteds(proposal, accepted, Timing.acceptDeadline(turn), work);
        return checkAccepteds(turn, logged.withRole(waiting), waiting);
    }

    /** Counts an Accepted for the value in flight. */
    static PaxosState onAccepted(Turn turn, PaxosState state, NodeId from, Accepted accepted) {
        PaxosState handing = handOverToPreferred(turn, state, from, accepted);
        if (!(handing.roleState() instanceof WaitForAccepteds waiting)
                || accepted.term() != waiting.proposal().term()
                || accepted.index() != waiting.proposal().index()
                || !turn.cluster().isVoter(from)) {
            turn.note("ignored-late-accepted", from + " " + accepted);
            return handing;
        }
        if (waiting.accepted().contains(from)) {
            turn.note("ignored-duplicate-accepted", from + " " + accepted);
            return handing;
        }
        SortedSet<NodeId> voters = new TreeSet<>(waiting.accepted());
        voters.add(from);
        WaitForAccepteds counted =
                new WaitForAccepteds(
                        waiting.proposal(), voters, waiting.deadlineMillis(), waiting.work());
        return checkAccepteds(turn, handing.withRole(counted), counted);
    }

    /**
     * A non-preferred master that hears a preferred master accept a current value stops renewing,
     * so that the preferred master takes over when the lease ends (spec §1.12).
     */
    private static PaxosState handOverToPreferred(
            Turn turn, PaxosState state, NodeId from, Accepted accepted) {
        Cluster cluster = turn.cluster();
        Optional<MasterWork> work = state.masterWork();
        boolean upToDate =
                accepted.term() == state.promisedTerm() && accepted.index() >= state.appliedIndex();
        if (work.isEmpty()
                || work.get().steppingDown()
                || !upToDate
                || !cluster.isNonPreferred(turn.self())
                || !cluster.masters().contains(from)) {
            return state;
        }
        turn.note("handing-over", "preferred master " + from + " is up to date");
        return withWork(state, work.get().steppingDown(work.get().dropWaiters()));
    }

    private static PaxosState checkAccepteds(
            Turn turn, PaxosState state, WaitForAccepteds waiting) {
        if (waiting.accepted().size() < turn.cluster().quorum()) {
            return state;
        }
        return chosen(turn, state, waiting);
    }

    /**
     * A quorum accepted: apply, answer the clients through Apply, take the lease if the value is
     * ours, and propose what is due next (Arakoon's master_consensus).
     */
    private static PaxosState chosen(Turn turn, PaxosState state, WaitForAccepteds waiting) {
        Proposal proposal = waiting.proposal();
        turn.add(new Effect.Apply(proposal.index(), proposal.value(), proposal.requestIds()));
        turn.note("chosen", "term=" + proposal.term() + " index=" + proposal.index());
        MasterWork work = waiting.work();
        boolean ownLease =
                proposal.value() instanceof MasterValue lease && lease.master().equals(turn.self());
        if (ownLease) {
            long start = ((MasterValue) proposal.value()).leaseStartMillis();
            work =
                    work.withLease(
                            start + Timing.readLeasePeriod(turn),
                            start + Timing.renewalPeriod(turn));
        }
        StableMaster stable = new StableMaster(proposal.term(), proposal.index() + 1, work);
        PaxosState applied = state.withLog(proposal.index(), state.lastAccepted()).withRole(stable);
        // After our lease value, a Nop (or a batch) lets followers apply it (spec §1.10).
        return ownLease ? proposeBatch(turn, applied, stable, true) : dictate(turn, applied);
    }

    /** A stable master proposes a lease renewal when due, else the queued updates. */
    private static PaxosState dictate(Turn turn, PaxosState state) {
        StableMaster stable = (StableMaster) state.roleState();
        MasterWork work = stable.work();
        if (!work.steppingDown() && turn.now() >= work.renewAtMillis()) {
            MasterValue lease = new MasterValue(turn.self(), turn.now());
            Proposal proposal = new Proposal(stable.term(), stable.nextIndex(), lease, List.of());
            return propose(turn, state, proposal, work);
        }
        return proposeBatch(turn, state, stable, false);
    }

    private static PaxosState proposeBatch(
            Turn turn, PaxosState state, StableMaster stable, boolean nopIfEmpty) {
        List<PendingUpdate> queue = stable.work().queue();
        if (queue.isEmpty() && !nopIfEmpty) {
            return state;
        }
        List<ByteString> updates = new ArrayList<>();
        List<RequestId> requestIds = new ArrayList<>();
        boolean synced = false;
        long bytes = 0;
        int taken = 0;
        while (taken < queue.size() && taken < Limits.UPDATES_PER_VALUE_MAX) {
            PendingUpdate next = queue.get(taken);
            if (taken > 0 && bytes + next.update().length() > Limits.VALUE_BYTES_MAX) {
                break;
            }
            updates.add(next.update());
            requestIds.add(next.requestId());
            synced |= next.synced();
            bytes += next.update().length();
            taken++;
        }
        MasterWork rest = stable.work().withQueue(queue.subList(taken, queue.size()));
        ClientValue value = new ClientValue(updates, synced);
        Proposal proposal = new Proposal(stable.term(), stable.nextIndex(), value, requestIds);
        return propose(turn, state, proposal, rest);
    }

    /** Hands over when due; re-sends an unanswered Accept; renews or proposes when due. */
    static PaxosState onTick(Turn turn, PaxosState state) {
        long now = turn.now();
        MasterWork work = state.masterWork().orElseThrow();
        if (work.steppingDown() && now >= work.readLeaseExpiresAtMillis()) {
            PaxosState slave = stepDown(turn, state, "lease ran out while handing over");
            // Wait one more lease period, so that another node takes over first.
            long deadline = Timing.slaveDeadline(turn, now + turn.leaseMillis());
            return slave.withRole(new SlaveSteadyState(deadline));
        }
        if (!(state.roleState() instanceof WaitForAccepteds waiting)) {
            return dictate(turn, state);
        }
        if (now < waiting.deadlineMillis()) {
            return state;
        }
        Proposal proposal = waiting.proposal();
        List<NodeId> silent =
                turn.cluster().otherVoters(turn.self()).stream()
                        .filter(voter -> !waiting.accepted().contains(voter))
                        .toList();
        turn.broadcast(silent, new Accept(proposal.term(), proposal.index(), proposal.value()));
        turn.note("accept-resent", "index=" + proposal.index() + " to " + silent);
        return state.withRole(
                new WaitForAccepteds(
                        proposal, waiting.accepted(), Timing.acceptDeadline(turn), work));
    }

    /**
     * A master refused by a node that is ahead catches up. Refused by a node that promised a higher
     * term, it steps down; but while its lease holds (the refuser ran while cut off) it runs again
     * above that term at once: the voters promise only to it, so it keeps the role.
     */
    static PaxosState onNak(Turn turn, PaxosState state, NodeId from, Nak nak) {
        if (nak.nextIndex() > state.nextIndex()) {
            return Follower.startCatchup(turn, state, from);
        }
        if (nak.currentTerm() <= state.promisedTerm()) {
            turn.note("ignored-nak", from + " " + nak);
            return state;
        }
        PaxosState slave = stepDown(turn, state, from + " follows term " + nak.currentTerm());
        MasterWork work = state.masterWork().orElseThrow();
        boolean leaseHolds = turn.now() < work.readLeaseExpiresAtMillis();
        return leaseHolds && !work.steppingDown() ? Candidate.start(turn, slave) : slave;
    }

    /** Queues a client update at the master and proposes it when nothing is in flight. */
    static PaxosState onClientUpdate(Turn turn, PaxosState state, Event.ClientUpdate update) {
        RequestId id = update.requestId();
        if (turn.cluster().masterMode() == MasterMode.READ_ONLY) {
            return reply(turn, state, id, Outcome.READ_ONLY, "cluster is read-only");
        }
        if (update.update().length() > Limits.UPDATE_BYTES_MAX) {
            String detail =
                    "update length "
                            + update.update().length()
                            + " exceeds UPDATE_BYTES_MAX "
                            + Limits.UPDATE_BYTES_MAX;
            return reply(turn, state, id, Outcome.UPDATE_TOO_LARGE, detail);
        }
        Optional<MasterWork> work = state.masterWork();
        if (work.isEmpty()) {
            return reply(turn, state, id, Outcome.NOT_MASTER, "not master");
        }
        List<PendingUpdate> queue = work.get().queue();
        if (queue.size() >= Limits.PENDING_UPDATES_MAX) {
            String detail =
                    "pending updates "
                            + queue.size()
                            + " reached PENDING_UPDATES_MAX "
                            + Limits.PENDING_UPDATES_MAX;
            return reply(turn, state, id, Outcome.BUSY, detail);
        }
        List<PendingUpdate> longer = new ArrayList<>(queue);
        longer.add(new PendingUpdate(id, update.update(), update.synced()));
        PaxosState queued = withWork(state, work.get().withQueue(longer));
        return queued.roleState() instanceof StableMaster ? dictate(turn, queued) : queued;
    }

    /**
     * Drop-master (spec §1.12): a master stops renewing and answers when it stepped down; any other
     * node answers at once.
     */
    static PaxosState onDropMaster(Turn turn, PaxosState state, Event.DropMaster drop) {
        RequestId id = drop.requestId();
        if (turn.cluster().voters().size() == 1) {
            return reply(turn, state, id, Outcome.NOT_SUPPORTED, "a single voter cannot drop");
        }
        Optional<MasterWork> work = state.masterWork();
        if (work.isEmpty()) {
            return reply(turn, state, id, Outcome.MASTER_DROPPED, "not master");
        }
        List<RequestId> waiters = new ArrayList<>(work.get().dropWaiters());
        if (waiters.size() >= Limits.DROP_WAITERS_MAX) {
            String detail =
                    "drop waiters " + waiters.size() + " reached " + Limits.DROP_WAITERS_MAX;
            return reply(turn, state, id, Outcome.BUSY, detail);
        }
        waiters.add(id);
        turn.note("dropping-master", "stops renewing its lease");
        return withWork(state, work.get().steppingDown(waiters));
    }

    /**
     * Leaves the master or candidate role: clients whose update is in flight learn that its outcome
     * is unknown, queued ones that this node is not master, drop waiters that the drop is done.
     * Returns the state unchanged for a follower.
     */
    static PaxosState stepDown(Turn turn, PaxosState state, String reason) {
        if (state.roleState() instanceof WaitForPromises) {
            turn.note("stopped-election", reason);
            return state.withRole(new SlaveSteadyState(Timing.electionDeadline(turn)));
        }
        Optional<MasterWork> work = state.masterWork();
        if (work.isEmpty()) {
            return state;
        }
        if (state.roleState() instanceof WaitForAccepteds waiting) {
            for (RequestId id : waiting.proposal().requestIds()) {
                turn.add(reply(id, Outcome.NO_LONGER_MASTER, "outcome unknown: " + reason));
            }
        }
        for (PendingUpdate pending : work.get().queue()) {
            turn.add(reply(pending.requestId(), Outcome.NOT_MASTER, "not proposed: " + reason));
        }
        for (RequestId id : work.get().dropWaiters()) {
            turn.add(reply(id, Outcome.MASTER_DROPPED, reason));
        }
        turn.note("stepped-down", reason);
        return state.withRole(new SlaveSteadyState(Timing.slaveDeadline(turn, turn.now())));
    }

    private static PaxosState withWork(PaxosState state, MasterWork work) {
        if (state.roleState() instanceof WaitForAccepteds waiting) {
            return state.withRole(
                    new WaitForAccepteds(
                            waiting.proposal(),
                            waiting.accepted(),
                            waiting.deadlineMillis(),
                            work));
        }
        StableMaster stable = (StableMaster) state.roleState();
        return state.withRole(new StableMaster(stable.term(), stable.nextIndex(), work));
    }

    private static PaxosState reply(
            Turn turn, PaxosState state, RequestId id, Outcome outcome, String detail) {
        Effect.Reply reply = new Effect.Reply(id, outcome, state.master(turn.now()), detail);
        turn.add(reply);
        return state;
    }

    private static Effect.Reply reply(RequestId id, Outcome outcome, String detail) {
        return new Effect.Reply(id, outcome, Optional.empty(), detail);
    }
}
