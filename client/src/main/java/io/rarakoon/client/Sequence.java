package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.Limits;
import io.rarakoon.client.protocol.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the steps of a sequence, applied atomically and in order by {@link
 * ArakoonClient#sequence}: either every step takes effect or none does. Not thread-safe.
 */
public final class Sequence {
    private final List<Update> steps = new ArrayList<>();

    /** Adds: set {@code key} to {@code value}. */
    public Sequence set(ByteString key, ByteString value) {
        return add(new Update.Set(key, value));
    }

    /** Adds: delete {@code key}; an absent key fails the whole sequence with NOT_FOUND. */
    public Sequence delete(ByteString key) {
        return add(new Update.Delete(key));
    }

    /** Adds: set or delete unconditionally. */
    public Sequence replace(ByteString key, Optional<ByteString> wanted) {
        return add(new Update.Replace(key, wanted));
    }

    /** Adds: set {@code wanted} if {@code key} holds {@code expected}; a mismatch is no failure. */
    public Sequence testAndSet(
            ByteString key, Optional<ByteString> expected, Optional<ByteString> wanted) {
        return add(new Update.TestAndSet(key, expected, wanted));
    }

    /** Adds: delete every key starting with {@code prefix}. */
    public Sequence deletePrefix(ByteString prefix) {
        return add(new Update.DeletePrefix(prefix));
    }

    /**
     * Adds: fail with ASSERTION_FAILED unless {@code key} holds {@code expected} (empty = absent).
     */
    public Sequence assertValue(ByteString key, Optional<ByteString> expected) {
        return add(new Update.Assert(key, expected));
    }

    /** Adds: fail with ASSERTION_FAILED unless {@code key} exists. */
    public Sequence assertExists(ByteString key) {
        return add(new Update.AssertExists(key));
    }

    /**
     * Adds: fail with ASSERTION_FAILED unless the keys starting with {@code prefix} are exactly
     * {@code keysAscending}.
     */
    public Sequence assertRange(ByteString prefix, List<ByteString> keysAscending) {
        return add(new Update.AssertRange(prefix, keysAscending));
    }

    /** Adds: run a registered user function; its result is discarded. */
    public Sequence userFunction(ByteString name, Optional<ByteString> argument) {
        return add(new Update.UserFunction(name, argument));
    }

    private Sequence add(Update step) {
        if (steps.size() >= Limits.LIST_COUNT_MAX) {
            throw new IllegalStateException(
                    "sequence already has listCountMax " + steps.size() + " steps");
        }
        steps.add(step);
        return this;
    }

    /** Returns a copy of the steps so far. */
    public List<Update> steps() {
        return List.copyOf(steps);
    }
}
