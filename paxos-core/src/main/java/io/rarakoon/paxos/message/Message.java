package io.rarakoon.paxos.message;

/**
 * A message between nodes, with Arakoon's names and fields (spec §1.4). Messages are plain data:
 * the wire codec serializes them, the core interprets them.
 */
public sealed interface Message permits Prepare, Promise, Nak, Accept, Accepted {}
