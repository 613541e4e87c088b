package io.rarakoon.paxos;

import java.util.List;

/**
 * The result of one {@link Paxos#step}: the next state and the effects to execute in order.
 *
 * @param state the next state
 * @param effects the effects, in phase order
 */
public record Transition(PaxosState state, List<Effect> effects) {

    /**
     * Copies the effects and checks their order.
     *
     * @throws IllegalStateException if an effect comes before one of an earlier phase
     */
    public Transition {
        effects = List.copyOf(effects);
        Effect.requirePhaseOrder(effects);
    }
}
