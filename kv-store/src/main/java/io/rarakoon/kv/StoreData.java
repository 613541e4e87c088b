package io.rarakoon.kv;

import java.util.TreeMap;

/**
 * The whole replicated state of a store: what a snapshot carries and what {@link KvStore#digest()}
 * covers. Mutable, not thread-safe; {@link Transaction} makes undoable changes.
 */
final class StoreData {

    /** {@link #appliedIndex} of a store that has applied nothing yet. */
    static final long NO_INDEX = -1;

    /** User keys, without Arakoon's "@" prefix. */
    final LeafMap user;

    /** Admin keys, without Arakoon's "*" prefix; a handful, so a plain TreeMap. */
    final TreeMap<Bytes, Bytes> admin = new TreeMap<>();

    /** Name of the last master (Arakoon's "*master"), or null before the first MasterSet. */
    String master;

    /** Index of the last applied Paxos value (Arakoon's "*i"), or {@link #NO_INDEX}. */
    long appliedIndex = NO_INDEX;

    StoreData(int leafEntriesMax) {
        user =
                new LeafMap(
                        leafEntriesMax,
                        Runtime.getRuntime().maxMemory() / Limits.PENDING_WRITE_HEAP_SHARE);
    }
}
