package io.rarakoon.paxos;

import io.rarakoon.paxos.RoleState.LeaseView;
import io.rarakoon.paxos.RoleState.MasterWork;
import io.rarakoon.paxos.RoleState.Respect;
import io.rarakoon.paxos.RoleState.SlaveCatchingUp;
import io.rarakoon.paxos.RoleState.StableMaster;
import io.rarakoon.paxos.RoleState.Starting;
import io.rarakoon.paxos.RoleState.WaitForAccepteds;
import io.rarakoon.paxos.RoleState.WaitForPromises;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.NodeId;
import java.util.Optional;

/**
 * The whole state of one node's consensus: immutable, replaced by every {@link Paxos#step}. The
 * query methods are pure functions of the state and the node's clock, safe to call from the node
 * loop between steps.
 *
 * @param self this node
 * @param roleState the waiting state and its data
 * @param promisedTerm the highest term promised or accepted; persisted before it is reported
 * @param termSeenMax the highest term seen in any message (memory only): elections go above it
 * @param appliedIndex the last index applied to the store, -1 for an empty store
 * @param lastAccepted the log's last entry: applied, or accepted at {@code appliedIndex + 1}
 * @param lease whose lease this node respects, if any
 * @param respect the candidate this node promised to recently, if any
 */
public record PaxosState(
        NodeId self,
        RoleState roleState,
        long promisedTerm,
        long termSeenMax,
        long appliedIndex,
        Optional<LogEntry> lastAccepted,
        Optional<LeaseView> lease,
        Optional<Respect> respect) {

    /** The coarse role of a node, for statistics. */
    public enum Role {
        /** Waiting for {@link Event.Recovered}. */
        STARTING,
        /** Running an election. */
        CANDIDATE,
        /** Master, or a candidate in phase 2. */
        MASTER,
        /** Following: slaves, witnesses, learners, and nodes catching up. */
        SLAVE
    }

    /** The state of a node before {@link Event.Recovered}. */
    public static PaxosState initial(NodeId self) {
        return new PaxosState(
                self,
                new Starting(),
                0,
                0,
                -1,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** The index this node will accept or propose next: {@code appliedIndex + 1}. */
    public long nextIndex() {
        return appliedIndex + 1;
    }

    /** The coarse role. */
    public Role role() {
        if (roleState instanceof Starting) {
            return Role.STARTING;
        }
        if (roleState instanceof WaitForPromises) {
            return Role.CANDIDATE;
        }
        if (roleState instanceof WaitForAccepteds || roleState instanceof StableMaster) {
            return Role.MASTER;
        }
        return Role.SLAVE;
    }

    /** Arakoon's name of the current state (CURRENT_STATE), e.g. {@code Stable_master}. */
    public String stateName() {
        return roleState.name();
    }

    /**
     * True if this node may answer a consistent read from its store now: it is master and its own
     * lease value, chosen by a quorum, has not run out on this node's clock. Read-only clusters
     * serve every read; the node decides that from its configuration.
     */
    public boolean canServeReads(long nowMillis) {
        return masterWork().map(w -> nowMillis < w.readLeaseExpiresAtMillis()).orElse(false);
    }

    /**
     * The master as Arakoon's who_master answers it: this node while it can serve reads, else the
     * holder of a lease this node still respects, else empty.
     */
    public Optional<NodeId> master(long nowMillis) {
        if (canServeReads(nowMillis)) {
            return Optional.of(self);
        }
        return lease.filter(l -> nowMillis < l.expiresAtMillis())
                .flatMap(LeaseView::holder)
                .filter(holder -> !holder.equals(self));
    }

    /** True while a catch-up runs. */
    public boolean isCatchingUp() {
        return roleState instanceof SlaveCatchingUp;
    }

    Optional<MasterWork> masterWork() {
        if (roleState instanceof WaitForAccepteds w) {
            return Optional.of(w.work());
        }
        if (roleState instanceof StableMaster m) {
            return Optional.of(m.work());
        }
        return Optional.empty();
    }

    PaxosState withRole(RoleState newRole) {
        return new PaxosState(
                self,
                newRole,
                promisedTerm,
                termSeenMax,
                appliedIndex,
                lastAccepted,
                lease,
                respect);
    }

    PaxosState withPromisedTerm(long term) {
        assert term >= promisedTerm : "promised term " + promisedTerm + " would drop to " + term;
        return new PaxosState(
                self,
                roleState,
                term,
                Math.max(termSeenMax, term),
                appliedIndex,
                lastAccepted,
                lease,
                respect);
    }

    PaxosState withTermSeen(long term) {
        return new PaxosState(
                self,
                roleState,
                promisedTerm,
                Math.max(termSeenMax, term),
                appliedIndex,
                lastAccepted,
                lease,
                respect);
    }

    PaxosState withLog(long newAppliedIndex, Optional<LogEntry> newLastAccepted) {
        DurableState.requireLogFitsStore(newLastAccepted, newAppliedIndex);
        return new PaxosState(
                self,
                roleState,
                promisedTerm,
                termSeenMax,
                newAppliedIndex,
                newLastAccepted,
                lease,
                respect);
    }

    PaxosState withLease(Optional<LeaseView> newLease) {
        return new PaxosState(
                self,
                roleState,
                promisedTerm,
                termSeenMax,
                appliedIndex,
                lastAccepted,
                newLease,
                respect);
    }

    PaxosState withRespect(Optional<Respect> newRespect) {
        return new PaxosState(
                self,
                roleState,
                promisedTerm,
                termSeenMax,
                appliedIndex,
                lastAccepted,
                lease,
                newRespect);
    }
}
