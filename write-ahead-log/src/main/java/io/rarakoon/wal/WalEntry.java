package io.rarakoon.wal;

import java.util.Arrays;

/**
 * One log entry: a Paxos instance index and its opaque payload (an encoded Paxos value). The
 * payload array is not copied on the hot path: whoever creates an entry hands over the array and
 * nobody mutates it afterwards. Equality compares the payload bytes.
 */
public record WalEntry(long index, byte[] payload) {

    /** Checks the index and payload against the module's limits. */
    public WalEntry {
        if (index < 0) {
            throw new IllegalArgumentException("entry index " + index + " is negative");
        }
        if (payload.length > Limits.PAYLOAD_BYTES_MAX) {
            throw new IllegalArgumentException(
                    "payload length "
                            + payload.length
                            + " exceeds payloadBytesMax "
                            + Limits.PAYLOAD_BYTES_MAX);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WalEntry that
                && index == that.index
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "WalEntry[index=" + index + ", payloadBytes=" + payload.length + "]";
    }
}
