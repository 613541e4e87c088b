package io.rarakoon.wal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** Test executor: queues background jobs until the test runs them, on the test's thread. */
final class ManualExecutor implements Executor {
    private final ArrayDeque<Runnable> jobs = new ArrayDeque<>();

    @Override
    public void execute(Runnable job) {
        jobs.add(job);
    }

    /** Runs queued jobs (and jobs they queue), at most 100 so a bug cannot loop forever. */
    void runAll() {
        for (int run = 0; run < 100 && !jobs.isEmpty(); run++) {
            jobs.poll().run();
        }
    }

    int pendingCount() {
        return jobs.size();
    }
}
