package io.rarakoon.kv;

import java.util.List;
import java.util.Optional;

/**
 * The user namespace as a user function sees it: reads see the function's own earlier writes; all
 * writes are undone if the update fails. Valid only during the call it was handed to; later use
 * throws IllegalStateException. Called on the thread that applies the update.
 */
public interface TransactionView {

    /** The value of {@code key}, or empty. */
    Optional<Bytes> get(Bytes key);

    /** True if {@code key} exists. */
    boolean exists(Bytes key);

    /**
     * Writes {@code value} under {@code key}, or deletes the key when {@code value} is empty.
     *
     * @throws UpdateFailedException UNKNOWN_FAILURE "value too large" when the value is at or over
     *     the store's value limit (the whole update then fails)
     */
    void put(Bytes key, Optional<Bytes> value);

    /** Entries in ascending order with Arakoon's range semantics ({@link KvStore#rangeEntries}). */
    List<KeyValue> rangeEntries(
            Optional<Bytes> first,
            boolean firstInclusive,
            Optional<Bytes> last,
            boolean lastInclusive,
            int max);
}
