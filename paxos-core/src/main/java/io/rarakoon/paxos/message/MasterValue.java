package io.rarakoon.paxos.message;

/**
 * A lease grant or renewal (Arakoon's {@code Vm}): once chosen, {@code master} is master.
 *
 * @param master the node that proposed the value and holds the lease
 * @param leaseStartMillis the proposer's monotonic clock when it created the value; only the
 *     proposer reads it (other nodes measure the lease on their own clock, spec §1.9)
 */
public record MasterValue(NodeId master, long leaseStartMillis) implements Value {}
