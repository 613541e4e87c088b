package io.rarakoon.sim.check;

import java.util.Optional;

/**
 * A sequential specification for the checker: immutable states with value equality.
 *
 * @param <S> the state type; implements equals and hashCode
 * @param <O> the operation type
 * @param <R> the result type
 */
public interface Model<S, O, R> {
    /** The state before any operation. */
    S init();

    /**
     * The state after {@code op} ran in {@code state} and returned {@code result}, or empty if the
     * op cannot return that result in that state. An empty {@code result} stands for an unknown
     * outcome: the op is applied, whatever it returned.
     */
    Optional<S> step(S state, O op, Optional<R> result);
}
