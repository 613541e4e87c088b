package io.rarakoon.paxos.message;

/**
 * Phase 2 proposal: "accept {@code value} at {@code index} in {@code term}". The sender has applied
 * every index below {@code index}.
 *
 * @param term the proposer's term
 * @param index the instance
 * @param value the proposed value
 */
public record Accept(long term, long index, Value value) implements Message {}
