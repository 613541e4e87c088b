package io.rarakoon.wire;

import java.util.Arrays;

/**
 * One log entry of the catch-up stream: its index and its opaque payload (the encoded Paxos value
 * chosen there). The payload is not copied, as in the log's own entries: whoever creates a message
 * hands the array over and nobody changes it afterwards. A catch-up moves every byte of the log
 * through here, and a copy in and out of each message cost five copies of it.
 *
 * @param index the log index, not negative
 * @param payload the entry's bytes, at most {@link Limits#ENTRY_PAYLOAD_BYTES_MAX}
 */
public record CatchupEntry(long index, byte[] payload) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the field for a negative index or an oversized
     *     payload
     */
    public CatchupEntry {
        if (index < 0) {
            throw new IllegalArgumentException("index " + index + " is negative");
        }
        if (payload.length > Limits.ENTRY_PAYLOAD_BYTES_MAX) {
            throw new IllegalArgumentException(
                    "payload length "
                            + payload.length
                            + " exceeds ENTRY_PAYLOAD_BYTES_MAX "
                            + Limits.ENTRY_PAYLOAD_BYTES_MAX);
        }
    }

    /** Compares index and payload contents. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CatchupEntry that
                && index == that.index
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(index) + Arrays.hashCode(payload);
    }

    /** Shows the index, the payload size and at most its first 16 bytes in hex. */
    @Override
    public String toString() {
        return "CatchupEntry[index=" + index + ", payload=" + Preview.of(payload) + "]";
    }
}
