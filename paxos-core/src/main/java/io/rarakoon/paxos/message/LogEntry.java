package io.rarakoon.paxos.message;

/**
 * A value accepted at an index in a term: one record of the write-ahead log.
 *
 * @param term the term of the Accept that carried the value
 * @param index the Paxos instance, 0 for the first value of a cluster
 * @param value the value
 */
public record LogEntry(long term, long index, Value value) {

    /**
     * Validates the numbers.
     *
     * @throws IllegalArgumentException if the index is negative
     */
    public LogEntry {
        if (index < 0) {
            throw new IllegalArgumentException("log entry index " + index + " is negative");
        }
    }
}
