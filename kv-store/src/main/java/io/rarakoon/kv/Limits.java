package io.rarakoon.kv;

/** The limits of the kv-store module; LimitsTest checks how they relate. */
public final class Limits {

    /**
     * Default largest value length plus one: a value of this length or longer fails with
     * UNKNOWN_FAILURE "value too large". Arakoon's default {@code max_value_size} is 8 MiB.
     */
    public static final int VALUE_BYTES_MAX_DEFAULT = 8 * 1024 * 1024;

    /**
     * Upper bound on the length of any key, value, admin key or admin value in the store and in a
     * snapshot, and on a configured value limit. Every such field reaches a node inside one client
     * frame, and Arakoon caps frames at {@code max_buffer_size}, 32 MiB by default; a snapshot
     * field that claims more is corrupt, so restore rejects it before allocating.
     */
    public static final int FIELD_BYTES_MAX = 32 * 1024 * 1024;

    /**
     * Upper bound on the length of the master's node name in a snapshot. Names come from the
     * cluster configuration and are short; a longer one means a corrupt snapshot.
     */
    public static final int MASTER_NAME_BYTES_MAX = 1024;

    /**
     * Entries per leaf block of the ordered map. Larger leaves need fewer index entries (less
     * memory per entry) but shift more references per insert; at 128 the leaf index costs under 2
     * bytes per entry and an insert shifts at most 128 references in each of two arrays.
     */
    static final int LEAF_ENTRIES_MAX = 128;

    /**
     * A bulk load holds back writes up to 1/this of the maximum heap, then sorts them into the map
     * and starts over. A replay into an empty map is fastest when it never has to (each later write
     * then looks its key up in the leaves, for the old value); the bound keeps the held writes,
     * replaced ones included, and the arrays the finish sorts them in from running the heap out.
     */
    static final int PENDING_WRITE_HEAP_SHARE = 4;

    /**
     * Keys shown in an AssertRange failure message, so the message stays bounded when a prefix
     * holds millions of keys.
     */
    static final int ASSERT_RANGE_KEYS_SHOWN_MAX = 16;

    private Limits() {}
}
