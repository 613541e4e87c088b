package io.rarakoon.paxos.message;

/**
 * "I have durably logged the value of {@code Accept(term, index, _)}". Sent only after the value is
 * persisted.
 *
 * @param term the term of the Accept
 * @param index the index of the Accept
 */
public record Accepted(long term, long index) implements Message {}
