package io.rarakoon.node;

import io.rarakoon.wal.CollapseResult;
import io.rarakoon.wal.Collapser;
import java.io.IOException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic collapse ({@code [collapse] auto = true}): every {@link
 * Limits#AUTO_COLLAPSE_CHECK_MILLIS} the scheduler asks the background executor to run the
 * Collapser's automatic mode, which folds old segments into the head only past its threshold. The
 * node keeps serving meanwhile; a failed collapse leaves the log as it was and is logged.
 */
final class AutoCollapse {
    private static final Logger LOG = LoggerFactory.getLogger(AutoCollapse.class);

    private final Collapser collapser;
    private final Scheduler scheduler;
    private final Executor background;
    private volatile boolean stopped;

    AutoCollapse(Collapser collapser, Scheduler scheduler, Executor background) {
        this.collapser = collapser;
        this.scheduler = scheduler;
        this.background = background;
    }

    /** Starts the periodic checks. Any thread. */
    void start() {
        scheduler.schedule(Limits.AUTO_COLLAPSE_CHECK_MILLIS, this::check);
    }

    /** Stops scheduling checks; a collapse already running finishes. Any thread. */
    void stop() {
        stopped = true;
    }

    private void check() {
        if (stopped) {
            return;
        }
        background.execute(this::runOnce);
        scheduler.schedule(Limits.AUTO_COLLAPSE_CHECK_MILLIS, this::check);
    }

    private void runOnce() {
        try {
            CollapseResult result = collapser.runOnce();
            if (result.stepCount() > 0) {
                LOG.info("automatic collapse: {}", result);
            }
        } catch (IOException e) {
            LOG.error("automatic collapse failed; the log is unchanged and it is retried", e);
        }
    }
}
