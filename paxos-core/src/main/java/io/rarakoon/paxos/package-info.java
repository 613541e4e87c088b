/**
 * Arakoon's Multi-Paxos as a pure state machine: step(context, state, event) gives a new state and
 * ordered effects.
 */
package io.rarakoon.paxos;
