package io.rarakoon.paxos;

import io.rarakoon.paxos.message.ByteString;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Value;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The waiting states of Arakoon's state machine (spec §1.5), named after its transitions. Arakoon's
 * transient states (election_suggest, promises_check_done, accepteds_check_done, master_consensus,
 * master_dictate, slave_fake_prepare, slave_discovered_other_master) are steps of {@link
 * Paxos#step} and leave no state behind.
 */
public sealed interface RoleState {

    /** Arakoon's name for the state, as the CURRENT_STATE admin command shows it. */
    String name();

    /** Before {@link Event.Recovered}: the node has not read its durable state yet. */
    record Starting() implements RoleState {
        @Override
        public String name() {
            return "Starting";
        }
    }

    /**
     * A candidate waits for a quorum of promises (Arakoon's wait_for_promises).
     *
     * @param term the candidate's term
     * @param index the candidate's next index, where phase 2 will propose
     * @param promises who promised, with the entry each had accepted at {@code index}
     * @param deadlineMillis when the Prepare is sent again to the silent voters
     */
    record WaitForPromises(
            long term,
            long index,
            SortedMap<NodeId, Optional<LogEntry>> promises,
            long deadlineMillis)
            implements RoleState {
        /** Copies the map. */
        public WaitForPromises {
            promises = Collections.unmodifiableSortedMap(new TreeMap<>(promises));
        }

        @Override
        public String name() {
            return "Wait_for_promises";
        }
    }

    /**
     * A master (or a candidate with its promises) waits for a quorum of Accepted for its proposal
     * (Arakoon's wait_for_accepteds).
     *
     * @param proposal the value in flight
     * @param accepted the voters that durably accepted it, this node included
     * @param deadlineMillis when the Accept is sent again to the voters that did not answer
     * @param work the master's queue, waiters and lease
     */
    record WaitForAccepteds(
            Proposal proposal, SortedSet<NodeId> accepted, long deadlineMillis, MasterWork work)
            implements RoleState {
        /** Copies the set. */
        public WaitForAccepteds {
            accepted = Collections.unmodifiableSortedSet(new TreeSet<>(accepted));
        }

        @Override
        public String name() {
            return "Wait_for_accepteds";
        }
    }

    /**
     * A master with nothing in flight (Arakoon's stable_master).
     *
     * @param term the master's term
     * @param nextIndex where the next proposal goes
     * @param work the master's queue, waiters and lease
     */
    record StableMaster(long term, long nextIndex, MasterWork work) implements RoleState {
        @Override
        public String name() {
            return "Stable_master";
        }
    }

    /**
     * A follower (Arakoon's slave_steady_state); also learners, witnesses and forced slaves.
     *
     * @param deadlineMillis when this node checks whether to run an election (or, when it may not
     *     run, to poll the voters for a position it missed)
     */
    record SlaveSteadyState(long deadlineMillis) implements RoleState {
        @Override
        public String name() {
            return "Slave_steady_state";
        }
    }

    /**
     * A follower waiting for {@link Event.CatchupFinished} (the catch-up inside Arakoon's
     * slave_discovered_other_master); peer messages are ignored meanwhile.
     *
     * @param source the peer the node copies from
     * @param fromIndex the first index it asked for
     */
    record SlaveCatchingUp(NodeId source, long fromIndex) implements RoleState {
        @Override
        public String name() {
            return "Slave_discovered_other_master";
        }
    }

    /**
     * A value a master has in flight.
     *
     * @param term the master's term
     * @param index the index
     * @param value the value
     * @param requestIds the requests of the value's updates, in update order
     */
    record Proposal(long term, long index, Value value, List<RequestId> requestIds) {
        /** Copies the list. */
        public Proposal {
            requestIds = List.copyOf(requestIds);
        }
    }

    /**
     * A client update queued at the master.
     *
     * @param requestId the request
     * @param update the opaque update
     * @param synced true for a synced sequence
     */
    record PendingUpdate(RequestId requestId, ByteString update, boolean synced) {}

    /**
     * What a master carries between its states.
     *
     * @param queue updates not proposed yet, at most {@link Limits#PENDING_UPDATES_MAX}
     * @param dropWaiters drop-master requests answered when this node steps down
     * @param steppingDown true once the master stopped renewing to hand over the role
     * @param readLeaseExpiresAtMillis reads are served while now is below this; {@code
     *     Long.MIN_VALUE} until the master's own lease value is chosen
     * @param renewAtMillis when the master proposes its next lease value
     */
    record MasterWork(
            List<PendingUpdate> queue,
            List<RequestId> dropWaiters,
            boolean steppingDown,
            long readLeaseExpiresAtMillis,
            long renewAtMillis) {

        /** A new master: no queue, no lease, renewal due at once. */
        static final MasterWork FRESH =
                new MasterWork(List.of(), List.of(), false, Long.MIN_VALUE, Long.MIN_VALUE);

        /** Copies the lists. */
        public MasterWork {
            queue = List.copyOf(queue);
            dropWaiters = List.copyOf(dropWaiters);
        }

        MasterWork withQueue(List<PendingUpdate> newQueue) {
            return new MasterWork(
                    newQueue, dropWaiters, steppingDown, readLeaseExpiresAtMillis, renewAtMillis);
        }

        MasterWork steppingDown(List<RequestId> newDropWaiters) {
            return new MasterWork(
                    queue, newDropWaiters, true, readLeaseExpiresAtMillis, renewAtMillis);
        }

        MasterWork withLease(long readLeaseExpiresAt, long renewAt) {
            return new MasterWork(queue, dropWaiters, steppingDown, readLeaseExpiresAt, renewAt);
        }
    }

    /**
     * Whose lease this node must respect, measured on its own clock (spec §1.9).
     *
     * @param holder the master named by the last lease value this node accepted; empty after a
     *     restart, when the node cannot know whose lease it may have granted
     * @param expiresAtMillis until then the node promises nobody but the holder
     */
    record LeaseView(Optional<NodeId> holder, long expiresAtMillis) {}

    /**
     * A candidate this node promised to recently (spec §1.6): for a short window it promises nobody
     * else, so that two candidates do not keep pre-empting each other.
     *
     * @param candidate the candidate
     * @param untilMillis end of the window
     */
    record Respect(NodeId candidate, long untilMillis) {}
}
