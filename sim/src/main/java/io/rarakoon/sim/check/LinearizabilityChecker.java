package io.rarakoon.sim.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Wing and Gong's search with Lowe's memoization, as Porcupine's {@code checker.go} does it, over
 * histories whose operations completed ({@link Operation#result} present) or have an unknown
 * outcome (they may take effect at any time after their call, or never: their return is at the end
 * of time, and an op placed last is as good as one that never ran). Reads with an unknown outcome
 * are dropped. The history is split into groups of keys that no operation connects (a sequence or a
 * range joins the keys it touches) and each group is checked on its own.
 *
 * <p>An unknown operation may always not have happened, so a group linearizable without some of its
 * unknown operations is linearizable with them. Each group is searched first without any unknown
 * operation, then without the unknown writes whose written values no result shows, and only when
 * both fail with all of them.
 *
 * <p>The search caches every (linearized set, state) pair it reached; when the cache of one group
 * exceeds {@code configurationsMax} the verdict is {@link CheckResult.Verdict#UNDECIDED}. Pure and
 * single-threaded.
 */
public final class LinearizabilityChecker {
    /** Concurrent operations a report lists; more would bury the one that matters. */
    private static final int CONCURRENT_SHOWN_MAX = 20;

    private final int configurationsMax;

    /**
     * A checker whose search gives up on a group after {@code configurationsMax} cached
     * configurations.
     */
    public LinearizabilityChecker(int configurationsMax) {
        this.configurationsMax = configurationsMax;
    }

    /** Checks {@code history} against {@link KvModel}. */
    public CheckResult check(List<Operation> history) {
        for (List<Operation> group : groups(history)) {
            if (checkGroup(withoutUnknowns(group)).isLinearizable()) {
                continue;
            }
            if (checkGroup(withoutUnseenUnknowns(group)).isLinearizable()) {
                continue;
            }
            CheckResult result = checkGroup(group);
            if (!result.isLinearizable()) {
                return result;
            }
        }
        return new CheckResult(CheckResult.Verdict.LINEARIZABLE, "");
    }

    /** The group without its unknown operations: the cheapest search, final when linearizable. */
    private static List<Operation> withoutUnknowns(List<Operation> group) {
        return group.stream().filter(op -> !op.isUnknown()).toList();
    }

    /**
     * The group without the unknown writes whose written values no result shows (deletes stay). A
     * cheaper search than the full one: an unknown operation may always not have happened, so if
     * the rest is linearizable the whole group is; only a failure needs the full search, in which
     * every unknown operation may take effect.
     */
    private static List<Operation> withoutUnseenUnknowns(List<Operation> group) {
        java.util.Set<String> seen = new TreeSet<>();
        for (Operation op : group) {
            if (op.result().orElse(null) instanceof KvResult.Value read) {
                read.value().ifPresent(seen::add);
            }
        }
        List<Operation> kept = new ArrayList<>();
        for (Operation op : group) {
            List<String> written = writtenValues(op.op());
            if (!op.isUnknown() || written.isEmpty() || written.stream().anyMatch(seen::contains)) {
                kept.add(op);
            }
        }
        return kept;
    }

    private static List<String> writtenValues(KvOp op) {
        List<String> values = new ArrayList<>();
        if (op instanceof KvOp.Set set) {
            values.add(set.value());
        } else if (op instanceof KvOp.TestAndSet tas) {
            tas.wanted().ifPresent(values::add);
        } else if (op instanceof KvOp.Sequence sequence) {
            for (KvOp.Step step : sequence.steps()) {
                if (step instanceof KvOp.Step.Put put) {
                    values.add(put.value());
                }
            }
        }
        return values;
    }

    /** Splits the history into groups of operations connected through their keys. */
    private static List<List<Operation>> groups(List<Operation> history) {
        List<Operation> kept = new ArrayList<>();
        for (Operation op : history) {
            if (!(op.isUnknown() && op.op().isRead())) {
                kept.add(op);
            }
        }
        SortedSet<String> universe = new TreeSet<>();
        for (Operation op : kept) {
            if (!(op.op() instanceof KvOp.Range)) {
                universe.addAll(op.op().keys(new TreeSet<>()));
            }
        }
        TreeMap<String, String> parent = new TreeMap<>();
        universe.forEach(key -> parent.put(key, key));
        for (Operation op : kept) {
            String first = null;
            for (String key : op.op().keys(universe)) {
                if (first == null) {
                    first = root(parent, key);
                } else {
                    parent.put(root(parent, key), first);
                }
            }
        }
        TreeMap<String, List<Operation>> byRoot = new TreeMap<>();
        for (Operation op : kept) {
            SortedSet<String> keys = op.op().keys(universe);
            String group = keys.isEmpty() ? "" : root(parent, keys.first());
            byRoot.computeIfAbsent(group, g -> new ArrayList<>()).add(op);
        }
        return new ArrayList<>(byRoot.values());
    }

    private static String root(TreeMap<String, String> parent, String key) {
        String at = key;
        while (!parent.get(at).equals(at)) {
            at = parent.get(at);
        }
        return at;
    }

    /** A call or a return in the doubly linked list of the search. */
    private static final class Entry {
        final Operation op;
        final boolean isCall;
        final long timeNanos;
        Entry match;
        Entry prev;
        Entry next;

        Entry(Operation op, boolean isCall, long timeNanos) {
            this.op = op;
            this.isCall = isCall;
            this.timeNanos = timeNanos;
        }
    }

    private record Configuration(BitSet linearized, Object state) {}

    private record Placed(Entry call, KvModel.State before) {}

    private CheckResult checkGroup(List<Operation> ops) {
        KvModel model = new KvModel();
        Entry head = buildList(ops);
        KvModel.State state = model.init();
        BitSet linearized = new BitSet();
        HashSet<Configuration> cache = new HashSet<>();
        Deque<Placed> stack = new ArrayDeque<>();
        BitSet best = new BitSet();
        Entry entry = head.next;
        while (head.next != null) {
            if (entry.isCall) {
                Optional<KvModel.State> after = model.step(state, entry.op.op(), entry.op.result());
                if (after.isPresent()) {
                    BitSet next = (BitSet) linearized.clone();
                    next.set(entry.op.id());
                    if (cache.add(new Configuration(next, after.get()))) {
                        if (cache.size() > configurationsMax) {
                            return new CheckResult(
                                    CheckResult.Verdict.UNDECIDED,
                                    "search exceeded "
                                            + configurationsMax
                                            + " configurations in a group of "
                                            + ops.size()
                                            + " operations");
                        }
                        stack.push(new Placed(entry, state));
                        state = after.get();
                        linearized = next;
                        if (linearized.cardinality() > best.cardinality()) {
                            best = (BitSet) linearized.clone();
                        }
                        lift(entry);
                        entry = head.next;
                        continue;
                    }
                }
                entry = entry.next;
            } else {
                if (stack.isEmpty()) {
                    return new CheckResult(
                            CheckResult.Verdict.NOT_LINEARIZABLE, explain(ops, best));
                }
                Placed placed = stack.pop();
                state = placed.before();
                linearized.clear(placed.call().op.id());
                unlift(placed.call());
                entry = placed.call().next;
            }
        }
        return new CheckResult(CheckResult.Verdict.LINEARIZABLE, "");
    }

    private static Entry buildList(List<Operation> ops) {
        List<Entry> entries = new ArrayList<>();
        for (Operation op : ops) {
            Entry call = new Entry(op, true, op.callNanos());
            Entry ret = new Entry(op, false, op.returnNanos());
            call.match = ret;
            entries.add(call);
            entries.add(ret);
        }
        // Intervals are closed: at equal times calls come before returns.
        entries.sort(
                Comparator.comparingLong((Entry e) -> e.timeNanos)
                        .thenComparing(e -> !e.isCall)
                        .thenComparingInt(e -> e.op.id()));
        Entry head = new Entry(null, false, Long.MIN_VALUE);
        Entry last = head;
        for (Entry e : entries) {
            last.next = e;
            e.prev = last;
            last = e;
        }
        return head;
    }

    private static void lift(Entry call) {
        call.prev.next = call.next;
        call.next.prev = call.prev;
        Entry ret = call.match;
        ret.prev.next = ret.next;
        if (ret.next != null) {
            ret.next.prev = ret.prev;
        }
    }

    private static void unlift(Entry call) {
        Entry ret = call.match;
        ret.prev.next = ret;
        if (ret.next != null) {
            ret.next.prev = ret;
        }
        call.prev.next = call;
        call.next.prev = call;
    }

    /** The first op (by call time) outside the longest linearizable set, and its rivals. */
    private static String explain(List<Operation> ops, BitSet best) {
        List<Operation> byCall = new ArrayList<>(ops);
        byCall.sort(Comparator.comparingLong(Operation::callNanos));
        Operation stuck =
                byCall.stream().filter(op -> !best.get(op.id())).findFirst().orElseThrow();
        StringBuilder report = new StringBuilder();
        report.append("not linearizable: ")
                .append(best.cardinality())
                .append(" of ")
                .append(ops.size())
                .append(" operations placed; cannot place ")
                .append(stuck);
        int shown = 0;
        for (Operation other : byCall) {
            if (shown == CONCURRENT_SHOWN_MAX) {
                report.append("\n  ...");
                break;
            }
            boolean concurrent =
                    other != stuck
                            && other.callNanos() <= stuck.returnNanos()
                            && stuck.callNanos() <= other.returnNanos();
            if (concurrent) {
                report.append("\n  concurrent: ").append(other);
                shown++;
            }
        }
        return report.toString();
    }
}
