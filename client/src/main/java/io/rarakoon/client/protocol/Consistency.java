package io.rarakoon.client.protocol;

/**
 * The consistency of a read (spec §2.9): one tag byte, {@code 02} followed by an i64 stamp. Clients
 * that send a bool {@code allow_dirty} produce the same bytes as tags 00 and 01.
 */
public sealed interface Consistency {
    /** Tag 00: served by the master only. */
    Consistency CONSISTENT = new Consistent();

    /** Tag 01: a dirty read, served by any node. */
    Consistency NO_GUARANTEES = new NoGuarantees();

    /** Returns At_least {@code stamp}: any node whose store has applied {@code stamp}. */
    static Consistency atLeast(long stamp) {
        return new AtLeast(stamp);
    }

    /** Returns the consistency byte of Arakoon's {@code allow_dirty} flag. */
    static Consistency ofAllowDirty(boolean allowDirty) {
        return allowDirty ? NO_GUARANTEES : CONSISTENT;
    }

    /** Tag 00. */
    record Consistent() implements Consistency {}

    /** Tag 01 ("dirty read allowed"). */
    record NoGuarantees() implements Consistency {}

    /**
     * Tag 02 with a transaction counter.
     *
     * @param stamp the store stamp the node must have reached (compared as a signed i64)
     */
    record AtLeast(long stamp) implements Consistency {}
}
