package io.rarakoon.paxos;

import io.rarakoon.paxos.message.LogEntry;
import java.util.Optional;

/**
 * What a node persisted, handed to the core at start-up in {@link Event.Recovered}.
 *
 * @param promisedTerm the last term persisted by {@link Effect.PersistPromise}, 0 if none
 * @param lastAccepted the last entry of the write-ahead log (the last write of its index wins)
 * @param appliedIndex the index of the last value applied to the store, -1 for an empty store; the
 *     node has replayed its log so that this is {@code lastAccepted.index() - 1} or {@code
 *     lastAccepted.index()}, and -1 exactly when the log is empty
 */
public record DurableState(long promisedTerm, Optional<LogEntry> lastAccepted, long appliedIndex) {

    /** The state of a node that never persisted anything. */
    public static final DurableState EMPTY = new DurableState(0, Optional.empty(), -1);

    /**
     * Checks the relation between the log and the store.
     *
     * @throws IllegalArgumentException if the node broke the contract above
     */
    public DurableState {
        requireLogFitsStore(lastAccepted, appliedIndex);
        if (promisedTerm < 0) {
            throw new IllegalArgumentException("promisedTerm " + promisedTerm + " is negative");
        }
    }

    /** True when nothing was ever persisted. */
    boolean isEmpty() {
        return promisedTerm == 0 && lastAccepted.isEmpty();
    }

    static void requireLogFitsStore(Optional<LogEntry> lastAccepted, long appliedIndex) {
        long lastIndex = lastAccepted.map(LogEntry::index).orElse(-1L);
        if (appliedIndex < -1 || (appliedIndex != lastIndex && appliedIndex != lastIndex - 1)) {
            throw new IllegalArgumentException(
                    "appliedIndex " + appliedIndex + " does not fit last log index " + lastIndex);
        }
    }
}
