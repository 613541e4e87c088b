package io.rarakoon.sim;

/**
 * The life of one node process (or of the world's own processes, which never die): a crash ends it,
 * and the world skips every task it still had queued.
 */
final class Incarnation {
    private boolean alive = true;

    /** Ends this incarnation; its queued tasks will not run. */
    void end() {
        alive = false;
    }

    boolean isAlive() {
        return alive;
    }
}
