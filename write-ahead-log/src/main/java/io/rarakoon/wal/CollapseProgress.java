package io.rarakoon.wal;

/**
 * Receives a collapse's steps as they finish, so the admin command can stream them (Arakoon replies
 * with the step count, then one message per step). Called on the collapser's thread.
 */
@FunctionalInterface
public interface CollapseProgress {

    /** Ignores every step. */
    CollapseProgress IGNORE = (step, stepCount, description) -> {};

    /**
     * Step {@code step} of {@code stepCount} (counted from 1) is done; {@code description} is a
     * short human-readable line.
     */
    void stepDone(int step, int stepCount, String description);
}
