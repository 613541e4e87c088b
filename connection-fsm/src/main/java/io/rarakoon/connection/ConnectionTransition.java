package io.rarakoon.connection;

import java.util.Optional;

/**
 * The result of one step: the next state and at most one action for the owner to perform, after it
 * has stored the state.
 *
 * @param state the next state
 * @param action what to do, if anything
 */
public record ConnectionTransition(ConnectionState state, Optional<ConnectionAction> action) {
    /** Checks that neither part is null. */
    public ConnectionTransition {
        if (state == null || action == null) {
            throw new NullPointerException("state and action are required");
        }
    }

    static ConnectionTransition to(ConnectionState state, ConnectionAction action) {
        return new ConnectionTransition(state, Optional.of(action));
    }

    static ConnectionTransition stay(ConnectionState state) {
        return new ConnectionTransition(state, Optional.empty());
    }
}
