package io.rarakoon.sim.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The sequential key-value store the workload runs against, as Arakoon defines its operations: a
 * state is an ordered map of the keys of one checked group. Keys and values are ASCII, so string
 * order is the store's byte order.
 */
public final class KvModel implements Model<KvModel.State, KvOp, KvResult> {

    /** An immutable map of keys to values, compared by content. */
    public record State(SortedMap<String, String> entries) {
        /** Copies the map. */
        public State {
            entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        }
    }

    @Override
    public State init() {
        return new State(new TreeMap<>());
    }

    @Override
    public Optional<State> step(State state, KvOp op, Optional<KvResult> result) {
        Outcome outcome = run(state.entries(), op);
        if (result.isPresent() && !result.get().equals(outcome.result())) {
            return Optional.empty();
        }
        return Optional.of(outcome.after());
    }

    /** What {@code op} returns in {@code entries} and the state it leaves. */
    private record Outcome(KvResult result, State after) {}

    private static Outcome run(SortedMap<String, String> entries, KvOp op) {
        State same = new State(entries);
        if (op instanceof KvOp.Set set) {
            return new Outcome(new KvResult.Done(), with(entries, set.key(), set.value()));
        } else if (op instanceof KvOp.Get get) {
            return new Outcome(
                    new KvResult.Value(Optional.ofNullable(entries.get(get.key()))), same);
        } else if (op instanceof KvOp.Exists exists) {
            return new Outcome(new KvResult.Flag(entries.containsKey(exists.key())), same);
        } else if (op instanceof KvOp.Delete delete) {
            if (!entries.containsKey(delete.key())) {
                return new Outcome(new KvResult.NotFound(), same);
            }
            return new Outcome(new KvResult.Done(), with(entries, delete.key(), null));
        } else if (op instanceof KvOp.TestAndSet tas) {
            Optional<String> before = Optional.ofNullable(entries.get(tas.key()));
            State after =
                    before.equals(tas.expected())
                            ? with(entries, tas.key(), tas.wanted().orElse(null))
                            : same;
            return new Outcome(new KvResult.Value(before), after);
        } else if (op instanceof KvOp.Sequence sequence) {
            return runSequence(entries, sequence);
        } else {
            KvOp.Range range = (KvOp.Range) op;
            List<String> keys = new ArrayList<>();
            for (String key : entries.subMap(range.first(), range.last()).keySet()) {
                if (keys.size() == range.max()) {
                    break;
                }
                keys.add(key);
            }
            return new Outcome(new KvResult.Keys(keys), same);
        }
    }

    private static Outcome runSequence(SortedMap<String, String> entries, KvOp.Sequence sequence) {
        TreeMap<String, String> scratch = new TreeMap<>(entries);
        for (KvOp.Step step : sequence.steps()) {
            if (step instanceof KvOp.Step.Put put) {
                scratch.put(put.key(), put.value());
            } else if (step instanceof KvOp.Step.Remove remove) {
                if (scratch.remove(remove.key()) == null) {
                    return new Outcome(new KvResult.NotFound(), new State(entries));
                }
            } else {
                KvOp.Step.Assert check = (KvOp.Step.Assert) step;
                if (!Optional.ofNullable(scratch.get(check.key())).equals(check.expected())) {
                    return new Outcome(new KvResult.AssertionFailed(), new State(entries));
                }
            }
        }
        return new Outcome(new KvResult.Done(), new State(scratch));
    }

    private static State with(Map<String, String> entries, String key, String valueOrNull) {
        TreeMap<String, String> copy = new TreeMap<>(entries);
        if (valueOrNull == null) {
            copy.remove(key);
        } else {
            copy.put(key, valueOrNull);
        }
        return new State(copy);
    }
}
