package io.rarakoon.client.protocol;

import java.util.List;
import java.util.Optional;

/**
 * One step of a client sequence (spec §8; Arakoon's update.ml tags). These are the client
 * protocol's tags, not the replicated store's: the node translates them. Nested lists are in
 * natural order, which is also execution order.
 */
public sealed interface Update {
    /** Returns the update's tag on the wire. */
    int tag();

    /**
     * Returns true for the steps a client may put in a sequence (tags 1, 2, 3, 5, 7, 8, 14, 15, 16,
     * 17). The other tags are Arakoon-internal; spec §8 advises answering them with BAD_INPUT.
     */
    default boolean isClientStep() {
        return true;
    }

    /**
     * Tag 1.
     *
     * @param key the key
     * @param value the value
     */
    record Set(ByteString key, ByteString value) implements Update {
        @Override
        public int tag() {
            return 1;
        }
    }

    /**
     * Tag 2; an absent key fails the whole sequence with NOT_FOUND.
     *
     * @param key the key
     */
    record Delete(ByteString key) implements Update {
        @Override
        public int tag() {
            return 2;
        }
    }

    /**
     * Tag 3; a mismatch does not fail the sequence.
     *
     * @param key the key
     * @param expected the value the key must hold (empty = absent)
     * @param wanted the new value (empty = delete)
     */
    record TestAndSet(ByteString key, Optional<ByteString> expected, Optional<ByteString> wanted)
            implements Update {
        @Override
        public int tag() {
            return 3;
        }
    }

    /**
     * Tag 4, internal.
     *
     * @param nodeName the master's name
     * @param leaseStart always 0 on the wire in 1.8
     */
    record MasterSet(ByteString nodeName, long leaseStart) implements Update {
        @Override
        public int tag() {
            return 4;
        }

        @Override
        public boolean isClientStep() {
            return false;
        }
    }

    /**
     * Tag 5: steps applied atomically in order.
     *
     * @param steps the steps
     */
    record Sequence(List<Update> steps) implements Update {
        /** Copies the list so the record stays immutable. */
        public Sequence {
            steps = List.copyOf(steps);
        }

        @Override
        public int tag() {
            return 5;
        }
    }

    /** Tag 6, internal. */
    record Nop() implements Update {
        @Override
        public int tag() {
            return 6;
        }

        @Override
        public boolean isClientStep() {
            return false;
        }
    }

    /**
     * Tag 7; the result is discarded.
     *
     * @param name the registered function's name
     * @param argument its argument
     */
    record UserFunction(ByteString name, Optional<ByteString> argument) implements Update {
        @Override
        public int tag() {
            return 7;
        }
    }

    /**
     * Tag 8; fails the sequence with ASSERTION_FAILED unless the key holds {@code expected}.
     *
     * @param key the key
     * @param expected the value (empty = absent)
     */
    record Assert(ByteString key, Optional<ByteString> expected) implements Update {
        @Override
        public int tag() {
            return 8;
        }
    }

    /**
     * Tag 9, internal.
     *
     * @param key the administrative key
     * @param value the value (empty = delete)
     */
    record AdminSet(ByteString key, Optional<ByteString> value) implements Update {
        @Override
        public int tag() {
            return 9;
        }

        @Override
        public boolean isClientStep() {
            return false;
        }
    }

    /**
     * Tag 10, internal.
     *
     * @param interval the interval
     */
    record SetInterval(Interval interval) implements Update {
        @Override
        public int tag() {
            return 10;
        }

        @Override
        public boolean isClientStep() {
            return false;
        }
    }

    /**
     * Tag 11, internal (the tree is not wrapped in a string).
     *
     * @param routing the routing tree
     */
    record SetRouting(RoutingTree routing) implements Update {
        @Override
        public int tag() {
            return 11;
        }

        @Override
        public boolean isClientStep() {
            return false;
        }
    }

    /**
     * Tag 12, internal.
     *
     * @param left the left cluster id
     * @param separator the separator
     * @param right the right cluster id
     */
    record SetRoutingDelta(ByteString left, ByteString separator, ByteString right)
            implements Update {
        @Override
        public int tag() {
            return 12;
        }

        @Override
        public boolean isClientStep() {
            return false;
        }
    }

    /**
     * Tag 13, internal.
     *
     * @param steps the steps
     */
    record SyncedSequence(List<Update> steps) implements Update {
        /** Copies the list so the record stays immutable. */
        public SyncedSequence {
            steps = List.copyOf(steps);
        }

        @Override
        public int tag() {
            return 13;
        }

        @Override
        public boolean isClientStep() {
            return false;
        }
    }

    /**
     * Tag 14; the count of deleted keys is discarded.
     *
     * @param prefix the prefix
     */
    record DeletePrefix(ByteString prefix) implements Update {
        @Override
        public int tag() {
            return 14;
        }
    }

    /**
     * Tag 15; fails the sequence with ASSERTION_FAILED unless the key exists.
     *
     * @param key the key
     */
    record AssertExists(ByteString key) implements Update {
        @Override
        public int tag() {
            return 15;
        }
    }

    /**
     * Tag 16: unconditional set or delete.
     *
     * @param key the key
     * @param wanted the new value (empty = delete)
     */
    record Replace(ByteString key, Optional<ByteString> wanted) implements Update {
        @Override
        public int tag() {
            return 16;
        }
    }

    /**
     * Tag 17 with range-assertion kind 1 (ContainsExactly): holds iff the keys starting with {@code
     * prefix} are exactly {@code keys}.
     *
     * @param prefix the prefix
     * @param keys the expected keys in ascending order (the wire carries them descending, as
     *     Arakoon's list writer does)
     */
    record AssertRange(ByteString prefix, List<ByteString> keys) implements Update {
        /** Copies the list so the record stays immutable. */
        public AssertRange {
            keys = List.copyOf(keys);
        }

        @Override
        public int tag() {
            return 17;
        }
    }
}
