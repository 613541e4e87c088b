package io.rarakoon.sim.check;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A client operation on the key-value store as the linearizability checker sees it: keys and values
 * are strings, and each operation knows which keys it touches so that histories can be checked per
 * group of keys.
 */
public sealed interface KvOp {

    /**
     * The keys this operation reads or writes, out of {@code universe} (every key the history
     * names); a range touches every key of the universe inside its bounds.
     */
    SortedSet<String> keys(SortedSet<String> universe);

    /** True if the operation never changes the store; its unknown outcomes are dropped. */
    boolean isRead();

    /** An operation on a single key. */
    sealed interface OneKey extends KvOp {
        /** The key the operation reads or writes. */
        String key();

        @Override
        default SortedSet<String> keys(SortedSet<String> universe) {
            return new TreeSet<>(List.of(key()));
        }
    }

    /** Sets {@code key} to {@code value}; result {@link KvResult.Done}. */
    record Set(String key, String value) implements OneKey {
        @Override
        public boolean isRead() {
            return false;
        }
    }

    /** Reads {@code key}; result {@link KvResult.Value}. */
    record Get(String key) implements OneKey {
        @Override
        public boolean isRead() {
            return true;
        }
    }

    /** Deletes {@code key}; result Done, or NotFound when it was absent (no change). */
    record Delete(String key) implements OneKey {
        @Override
        public boolean isRead() {
            return false;
        }
    }

    /** Asks whether {@code key} exists; result {@link KvResult.Flag}. */
    record Exists(String key) implements OneKey {
        @Override
        public boolean isRead() {
            return true;
        }
    }

    /**
     * Arakoon's test_and_set: if the current value equals {@code expected} (empty = absent), sets
     * it to {@code wanted} (empty = delete); the result is the value before, as a {@link
     * KvResult.Value}.
     */
    record TestAndSet(String key, Optional<String> expected, Optional<String> wanted)
            implements OneKey {
        @Override
        public boolean isRead() {
            return false;
        }
    }

    /**
     * An atomic sequence of steps: all take effect (Done) or none, when an assert does not hold
     * (AssertionFailed) or a delete finds no key (NotFound).
     */
    record Sequence(List<Step> steps) implements KvOp {
        /** Copies the list. */
        public Sequence {
            steps = List.copyOf(steps);
        }

        @Override
        public SortedSet<String> keys(SortedSet<String> universe) {
            SortedSet<String> keys = new TreeSet<>();
            steps.forEach(step -> keys.add(step.key()));
            return keys;
        }

        @Override
        public boolean isRead() {
            return false;
        }
    }

    /**
     * The keys k with {@code first <= k < last}, ascending, at most {@code max}; result {@link
     * KvResult.Keys}.
     */
    record Range(String first, String last, int max) implements KvOp {
        @Override
        public SortedSet<String> keys(SortedSet<String> universe) {
            return new TreeSet<>(universe.subSet(first, last));
        }

        @Override
        public boolean isRead() {
            return true;
        }
    }

    /** One step of a {@link Sequence}. */
    sealed interface Step {
        /** The key the step touches. */
        String key();

        /** Sets the key. */
        record Put(String key, String value) implements Step {}

        /** Deletes the key; the sequence fails with NotFound when it is absent. */
        record Remove(String key) implements Step {}

        /** Holds when the key's value equals {@code expected} (empty = absent). */
        record Assert(String key, Optional<String> expected) implements Step {}
    }
}
