/**
 * The data that travels between nodes: the five Paxos messages, Paxos values and the identifiers
 * they carry. Plain immutable records without behaviour, for the wire codec to serialize.
 */
package io.rarakoon.paxos.message;
