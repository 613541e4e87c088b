package io.rarakoon.sim.check;

import java.util.List;
import java.util.Optional;

/** What a client saw as the outcome of a {@link KvOp} that completed. */
public sealed interface KvResult {

    /** The write took effect. */
    record Done() implements KvResult {}

    /** A value read, or empty when the key was absent (Arakoon's NOT_FOUND for a get). */
    record Value(Optional<String> value) implements KvResult {}

    /** An exists answer. */
    record Flag(boolean value) implements KvResult {}

    /** A range answer, ascending. */
    record Keys(List<String> keys) implements KvResult {
        /** Copies the list. */
        public Keys {
            keys = List.copyOf(keys);
        }
    }

    /** A delete (or a sequence's delete) found no key; nothing changed. */
    record NotFound() implements KvResult {}

    /** A sequence's assert did not hold; nothing changed. */
    record AssertionFailed() implements KvResult {}
}
