package io.rarakoon.sim;

import io.rarakoon.kv.Bytes;
import io.rarakoon.paxos.DurableState;
import io.rarakoon.paxos.PaxosState;
import io.rarakoon.paxos.RoleState;
import io.rarakoon.paxos.message.LogEntry;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Value;
import io.rarakoon.wal.EntryCursor;
import io.rarakoon.wal.Wal;
import io.rarakoon.wal.WalEntry;
import io.rarakoon.wire.MalformedFrameException;
import io.rarakoon.wire.WireCodec;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The invariants checked as events happen (STYLE.md §12), after every task of a node: one master
 * per term; one value per index (each node's log, up to its applied index, read back and compared
 * with the ledger of chosen values, also after every restart, so a committed entry lost across a
 * restart shows up); what a node had forced when it crashed is what recovery returns; promised
 * terms never drop (across restarts, unless the disk was wiped) and applied indexes never drop
 * while up; at most one node serves consistent reads at any instant; nodes at equal applied indexes
 * have equal store digests. The first violation is kept and stops the run.
 */
final class Invariants {
    /** What the checks remember of one node. */
    private static final class Seen {
        long promisedMax;
        long appliedMax = -1;
        long checkedUpTo = -1;
        boolean recoveryChecked = true;
        Optional<PaxosState> atCrash = Optional.empty();
    }

    /**
     * Applied entries between two reads of a node's log: one cursor per read, so reading in batches
     * keeps the check cheap (a cursor may open and decompress a whole segment).
     */
    private static final int LOG_CHECK_BATCH_ENTRIES = 64;

    /**
     * Applied indexes between two store digests: a digest hashes the whole store, and comparing at
     * every eighth index finds a divergence a few values later at an eighth of the cost.
     */
    private static final int DIGEST_EVERY_INDEXES = 8;

    private final World world;
    private final Trace trace;
    private final WireCodec codec = new WireCodec();
    private final TreeMap<Long, NodeId> mastersByTerm = new TreeMap<>();
    private final TreeMap<Long, Value> chosen = new TreeMap<>();
    private final TreeMap<Long, Bytes> digests = new TreeMap<>();
    private final Seen[] seen;
    private Optional<String> violation = Optional.empty();
    private List<SimNode> others = List.of();

    Invariants(World world, Trace trace, int nodeCount) {
        this.world = world;
        this.trace = trace;
        this.seen = new Seen[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            seen[i] = new Seen();
        }
    }

    /** The nodes the one-reader check compares with; set once they exist. */
    void watch(List<SimNode> nodes) {
        others = List.copyOf(nodes);
    }

    Optional<String> violation() {
        return violation;
    }

    /** Records a violation unless one was recorded before. */
    void violated(String what) {
        if (violation.isEmpty()) {
            violation = Optional.of(what);
            trace.line(world.nowNanos(), "VIOLATION " + what);
        }
    }

    /** The highest index any node applied. */
    long chosenMax() {
        return chosen.isEmpty() ? -1 : chosen.lastKey();
    }

    /** Before the nemesis crashes a healthy node: what it had forced. */
    void beforeCrash(SimNode node) {
        seen[node.index].atCrash = node.isUp() ? Optional.of(node.state()) : Optional.empty();
    }

    /** After a node failed on an injected fault: nothing is known to be forced. */
    void afterFailure(SimNode node) {
        seen[node.index].atCrash = Optional.empty();
    }

    /**
     * The node's disk was replaced by an empty one: it forgot its promises, as an operator wants.
     */
    void wiped(SimNode node) {
        seen[node.index].promisedMax = 0;
        seen[node.index].atCrash = Optional.empty();
    }

    /** A new incarnation of {@code node} started. */
    void started(SimNode node) {
        Seen s = seen[node.index];
        s.appliedMax = -1;
        s.checkedUpTo = -1;
        s.recoveryChecked = false;
    }

    /** Runs the checks on {@code node}'s state after one of its tasks. */
    void afterTask(SimNode node) {
        if (!node.isUp() || violation.isPresent()) {
            return;
        }
        PaxosState state = node.state();
        if (state.role() == PaxosState.Role.STARTING) {
            return;
        }
        Seen s = seen[node.index];
        if (!s.recoveryChecked) {
            s.recoveryChecked = true;
            checkRecovery(node, s);
        }
        checkMaster(node, state);
        checkOneReader(node, state);
        if (state.promisedTerm() < s.promisedMax) {
            violated(
                    node.id
                            + " promised term dropped from "
                            + s.promisedMax
                            + " to "
                            + state.promisedTerm());
        }
        s.promisedMax = Math.max(s.promisedMax, state.promisedTerm());
        long applied = state.appliedIndex();
        if (applied < s.appliedMax) {
            violated(node.id + " applied index dropped from " + s.appliedMax + " to " + applied);
            return;
        }
        if (applied > s.appliedMax) {
            s.appliedMax = applied;
            if (applied - s.checkedUpTo >= LOG_CHECK_BATCH_ENTRIES || s.checkedUpTo < 0) {
                checkLog(node, s, applied);
            }
            if (applied % DIGEST_EVERY_INDEXES == 0) {
                checkDigest(node, applied);
            }
        }
    }

    /** Checks every up node's log up to its applied index (the end of a run). */
    void checkLogs(List<SimNode> nodes) {
        for (SimNode node : nodes) {
            if (node.isUp() && violation.isEmpty()) {
                checkLog(node, seen[node.index], node.state().appliedIndex());
            }
        }
    }

    private void checkMaster(SimNode node, PaxosState state) {
        RoleState role = state.roleState();
        long term = -1;
        if (role instanceof RoleState.StableMaster master) {
            term = master.term();
        } else if (role instanceof RoleState.WaitForAccepteds waiting) {
            term = waiting.proposal().term();
        }
        if (term < 0) {
            return;
        }
        NodeId before = mastersByTerm.putIfAbsent(term, node.id);
        if (before != null && !before.equals(node.id)) {
            violated("two masters in term " + term + ": " + before + " and " + node.id);
        }
    }

    /**
     * At most one node may serve consistent reads at any instant: a master's read lease ends, by
     * the drift bound, before any acceptor of its lease promises to a new master.
     */
    private void checkOneReader(SimNode node, PaxosState state) {
        if (others.isEmpty() || !state.canServeReads(node.clock.monotonicMillis())) {
            return;
        }
        for (SimNode other : others) {
            if (other != node
                    && other.isUp()
                    && other.state().canServeReads(other.clock.monotonicMillis())) {
                violated(node.id + " and " + other.id + " both serve consistent reads");
                return;
            }
        }
    }

    private void checkRecovery(SimNode node, Seen s) {
        if (s.atCrash.isEmpty()) {
            return;
        }
        PaxosState crashed = s.atCrash.get();
        s.atCrash = Optional.empty();
        DurableState recovered = node.loop().storage().durableState();
        if (recovered.promisedTerm() < crashed.promisedTerm()) {
            violated(
                    node.id
                            + " forced promise "
                            + crashed.promisedTerm()
                            + " but recovered "
                            + recovered.promisedTerm());
        }
        long lastAt = crashed.lastAccepted().map(LogEntry::index).orElse(-1L);
        long lastNow = recovered.lastAccepted().map(LogEntry::index).orElse(-1L);
        boolean headOnly = lastNow < 0 && recovered.appliedIndex() >= lastAt - 1;
        if (lastNow < lastAt && !headOnly) {
            violated(
                    node.id
                            + " forced log up to index "
                            + lastAt
                            + " but recovered up to "
                            + lastNow);
        } else if (lastNow == lastAt && !sameValue(crashed.lastAccepted(), recovered)) {
            violated(
                    node.id
                            + " forced "
                            + crashed.lastAccepted()
                            + " (applied "
                            + crashed.appliedIndex()
                            + ", role "
                            + crashed.stateName()
                            + ") but recovered "
                            + recovered.lastAccepted()
                            + " (applied "
                            + recovered.appliedIndex()
                            + ")");
        }
    }

    /**
     * The recovered last entry is the forced one, a later write of its index (a newer term, whose
     * value may differ: the last index is not chosen yet), or the chosen entry of its index in
     * place of another value: a catch-up copies chosen entries over the log, which the core learns
     * only when the catch-up ends. Never the same value in a lower term (a catch-up keeps the
     * higher term of a value the node accepted) nor an older entry that is not the chosen one.
     */
    private boolean sameValue(Optional<LogEntry> forced, DurableState recovered) {
        if (forced.isEmpty() || recovered.lastAccepted().isEmpty()) {
            return forced.isEmpty() == recovered.lastAccepted().isEmpty();
        }
        LogEntry before = forced.get();
        LogEntry after = recovered.lastAccepted().get();
        return after.term() > before.term()
                || after.equals(before)
                || (!after.value().equals(before.value())
                        && after.value().equals(chosen.get(after.index())));
    }

    private void checkLog(SimNode node, Seen s, long applied) {
        Wal wal = node.loop().storage().wal();
        long from = Math.max(s.checkedUpTo + 1, Math.max(0, wal.firstIndex()));
        if (from > applied || wal.lastIndex() == Wal.NO_INDEX || from > wal.lastIndex()) {
            s.checkedUpTo = applied;
            return;
        }
        try (EntryCursor cursor = wal.entries(from)) {
            Optional<WalEntry> next = cursor.next();
            while (next.isPresent() && next.get().index() <= applied) {
                long index = next.get().index();
                Value value = decode(node, index, next.get().payload());
                Value before = chosen.putIfAbsent(index, value);
                if (before != null && !before.equals(value)) {
                    violated(
                            "index "
                                    + index
                                    + " holds two values: "
                                    + before
                                    + " and, on "
                                    + node.id
                                    + ", "
                                    + value);
                    return;
                }
                next = cursor.next();
            }
        } catch (IOException e) {
            // Reading may hit an injected corruption; the node's own reads must detect it.
            return;
        }
        s.checkedUpTo = applied;
    }

    private Value decode(SimNode node, long index, byte[] payload) {
        try {
            Object entry = codec.decode(payload);
            if (entry instanceof LogEntry logEntry && logEntry.index() == index) {
                return logEntry.value();
            }
            throw new AssertionError(node.id + " log index " + index + " holds " + entry);
        } catch (MalformedFrameException e) {
            throw new AssertionError(node.id + " log index " + index + " does not decode", e);
        }
    }

    private void checkDigest(SimNode node, long applied) {
        Bytes digest = node.loop().storage().store().digest();
        Bytes before = digests.putIfAbsent(applied, digest);
        if (before != null && !before.equals(digest)) {
            violated("stores differ at applied index " + applied + " (" + node.id + ")");
        }
    }
}
