package io.rarakoon.paxos.message;

/**
 * What Paxos chooses at one index (spec §1.4.1): a batch of client updates or a master lease.
 * Values are immutable and compare by content.
 */
public sealed interface Value permits ClientValue, MasterValue {}
