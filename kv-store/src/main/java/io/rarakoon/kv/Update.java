package io.rarakoon.kv;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One update of a Paxos value: the update kinds of Arakoon 1.8 (server semantics §2.3), as plain
 * records of simple fields so that wire-codec can serialize them. {@link #tag()} is Arakoon's int32
 * tag of the kind in tlogs and sequence payloads.
 *
 * <p>Records are immutable and null-free: an absent option is {@link Optional#empty()}. They do not
 * validate sizes; {@link KvStore#apply} does, so that a too-large value becomes a failed result
 * instead of an exception at decode time.
 */
public sealed interface Update {

    /** Arakoon's tag of this update kind. */
    int tag();

    /** Stores {@code value} under user key {@code key}, creating or overwriting it. */
    record Set(Bytes key, Bytes value) implements Update {
        /** Rejects nulls. */
        public Set {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int tag() {
            return 1;
        }
    }

    /** Removes user key {@code key}; fails with NOT_FOUND (message = the key) if absent. */
    record Delete(Bytes key) implements Update {
        /** Rejects nulls. */
        public Delete {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public int tag() {
            return 2;
        }
    }

    /**
     * If the current value (absent = empty) equals {@code expected}, writes {@code wanted} (empty =
     * delete). Always returns the old value.
     */
    record TestAndSet(Bytes key, Optional<Bytes> expected, Optional<Bytes> wanted)
            implements Update {
        /** Rejects nulls. */
        public TestAndSet {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(wanted, "wanted");
        }

        @Override
        public int tag() {
            return 3;
        }
    }

    /**
     * Records {@code master} as the last master (produced internally from a master value). Arakoon
     * also writes a lease field that is always 0 and ignored; it is not kept.
     */
    record MasterSet(String master) implements Update {
        /** Rejects nulls. */
        public MasterSet {
            Objects.requireNonNull(master, "master");
        }

        @Override
        public int tag() {
            return 4;
        }
    }

    /** Applies {@code updates} in order, all or nothing: the first failure undoes them all. */
    record Sequence(List<Update> updates) implements Update {
        /** Copies the list; rejects nulls. */
        public Sequence {
            updates = List.copyOf(updates);
        }

        @Override
        public int tag() {
            return 5;
        }
    }

    /** Does nothing (still consumes an index). */
    record Nop() implements Update {
        @Override
        public int tag() {
            return 6;
        }
    }

    /** Runs the registered user function {@code name} with {@code argument}; see §2.7. */
    record UserFunction(String name, Optional<Bytes> argument) implements Update {
        /** Rejects nulls. */
        public UserFunction {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argument, "argument");
        }

        @Override
        public int tag() {
            return 7;
        }
    }

    /**
     * Fails with ASSERTION_FAILED unless the current value (absent = empty) is {@code expected}.
     */
    record Assert(Bytes key, Optional<Bytes> expected) implements Update {
        /** Rejects nulls. */
        public Assert {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(expected, "expected");
        }

        @Override
        public int tag() {
            return 8;
        }
    }

    /** Writes (or, with an empty value, deletes) admin key {@code key}. */
    record AdminSet(Bytes key, Optional<Bytes> value) implements Update {
        /** Rejects nulls. */
        public AdminSet {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int tag() {
            return 9;
        }
    }

    /** Nursery: stores the encoded public interval, opaque here, under admin key "interval". */
    record SetInterval(Bytes interval) implements Update {
        /** Rejects nulls. */
        public SetInterval {
            Objects.requireNonNull(interval, "interval");
        }

        @Override
        public int tag() {
            return 10;
        }
    }

    /** Nursery: stores the encoded routing table, opaque here, under admin key "routing". */
    record SetRouting(Bytes routing) implements Update {
        /** Rejects nulls. */
        public SetRouting {
            Objects.requireNonNull(routing, "routing");
        }

        @Override
        public int tag() {
            return 11;
        }
    }

    /**
     * Nursery: stores the encoded routing delta (left, separator, right), opaque here, under admin
     * key "routing_delta". The nursery is out of scope; the kind exists so Arakoon tlogs replay.
     */
    record SetRoutingDelta(Bytes delta) implements Update {
        /** Rejects nulls. */
        public SetRoutingDelta {
            Objects.requireNonNull(delta, "delta");
        }

        @Override
        public int tag() {
            return 12;
        }
    }

    /** Same as {@link Sequence}; the WAL must force the value carrying it. */
    record SyncedSequence(List<Update> updates) implements Update {
        /** Copies the list; rejects nulls. */
        public SyncedSequence {
            updates = List.copyOf(updates);
        }

        @Override
        public int tag() {
            return 13;
        }
    }

    /** Deletes every user key starting with {@code prefix}; returns how many were deleted. */
    record DeletePrefix(Bytes prefix) implements Update {
        /** Rejects nulls. */
        public DeletePrefix {
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public int tag() {
            return 14;
        }
    }

    /** Fails with ASSERTION_FAILED unless user key {@code key} exists. */
    record AssertExists(Bytes key) implements Update {
        /** Rejects nulls. */
        public AssertExists {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public int tag() {
            return 15;
        }
    }

    /** Writes {@code wanted} (empty = delete) unconditionally; returns the old value. */
    record Replace(Bytes key, Optional<Bytes> wanted) implements Update {
        /** Rejects nulls. */
        public Replace {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(wanted, "wanted");
        }

        @Override
        public int tag() {
            return 16;
        }
    }

    /**
     * Fails with ASSERTION_FAILED unless the user keys starting with {@code prefix}, ascending, are
     * exactly {@code containsExactly} (Arakoon's only assertion kind, tag 1 ContainsExactly).
     */
    record AssertRange(Bytes prefix, List<Bytes> containsExactly) implements Update {
        /** Copies the list; rejects nulls. */
        public AssertRange {
            Objects.requireNonNull(prefix, "prefix");
            containsExactly = List.copyOf(containsExactly);
        }

        @Override
        public int tag() {
            return 17;
        }
    }
}
