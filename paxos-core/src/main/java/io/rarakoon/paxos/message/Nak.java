package io.rarakoon.paxos.message;

/**
 * Refusal of a Prepare or Accept, and the answer to a poll: tells where the sender stands.
 *
 * @param term the term of the message being refused
 * @param currentTerm the sender's promised term
 * @param nextIndex the sender's next index (its applied index + 1)
 */
public record Nak(long term, long currentTerm, long nextIndex) implements Message {}
