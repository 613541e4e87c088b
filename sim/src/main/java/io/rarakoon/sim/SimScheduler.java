package io.rarakoon.sim;

import io.rarakoon.node.Scheduler;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The scheduler of one node incarnation: its tasks go into the world's queue, delays measured on
 * the node's own (drifting) clock. Each task runs inside a guard: whatever it throws ends the
 * incarnation and goes to {@code onFailure}, as a production scheduler's failure handler stops the
 * node; after each task {@code afterTask} runs (the invariant checks). Also serves as the node's
 * {@code background} executor, whose work runs as separate simulated tasks.
 */
final class SimScheduler implements Scheduler, Executor {
    private final World world;
    private final Incarnation incarnation;
    private final SimClock clock;
    private final Consumer<Throwable> onFailure;
    private final Runnable afterTask;

    SimScheduler(
            World world,
            Incarnation incarnation,
            SimClock clock,
            Consumer<Throwable> onFailure,
            Runnable afterTask) {
        this.world = world;
        this.incarnation = incarnation;
        this.clock = clock;
        this.onFailure = onFailure;
        this.afterTask = afterTask;
    }

    @Override
    public void execute(Runnable task) {
        runAfterNanos(0, task);
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        World.Task scheduled =
                world.after(
                        clock.worldNanos(delayMillis * 1_000_000),
                        incarnation,
                        () -> guarded(task));
        return scheduled::cancel;
    }

    /** Whether the incarnation this scheduler belongs to still runs. */
    boolean isAlive() {
        return incarnation.isAlive();
    }

    /** Runs {@code task} now, guarded, if the incarnation still runs (a stream event arriving). */
    void runNow(Runnable task) {
        if (incarnation.isAlive()) {
            guarded(task);
        }
    }

    /** Runs {@code task} guarded after {@code worldNanos} of world time (network latency). */
    void runAfterNanos(long worldNanos, Runnable task) {
        world.after(worldNanos, incarnation, () -> guarded(task));
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            incarnation.end();
            onFailure.accept(e);
            return;
        }
        afterTask.run();
    }
}
