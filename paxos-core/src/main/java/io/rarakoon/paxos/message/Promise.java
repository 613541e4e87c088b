package io.rarakoon.paxos.message;

import java.util.Optional;

/**
 * "I follow {@code term}; I have durably promised it." Sent only after the promise is persisted.
 *
 * @param term the term of the Prepare being answered
 * @param nextIndex the promiser's next index (its applied index + 1)
 * @param accepted the entry the promiser accepted at the candidate's index but has not applied,
 *     with the term it was accepted in; empty when it holds none
 */
public record Promise(long term, long nextIndex, Optional<LogEntry> accepted) implements Message {}
