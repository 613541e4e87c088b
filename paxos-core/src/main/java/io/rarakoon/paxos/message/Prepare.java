package io.rarakoon.paxos.message;

/**
 * "I run for master in {@code term}, starting at {@code index}". A negative term marks a fake
 * prepare: a poll that is always answered with a {@link Nak} telling the receiver's position.
 *
 * @param term the candidate's term, or -1 for a poll
 * @param index the candidate's next index (its applied index + 1)
 */
public record Prepare(long term, long index) implements Message {}
