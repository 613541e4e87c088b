package io.rarakoon.bin;

import io.rarakoon.client.ProgressListener;
import java.io.PrintWriter;

/**
 * A one-line progress bar for byte streams: rewrites the line (carriage return) each time the
 * percentage grows, so a large download prints at most 101 updates. Calling thread only.
 */
final class ProgressLine implements ProgressListener {
    private static final int BAR_CHARS = 40;

    private final PrintWriter err;
    private final String label;
    private long shownPercent = -1;

    ProgressLine(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public void progress(long done, long total) {
        long percent = total <= 0 ? 100 : done * 100 / total;
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        int filled = (int) (percent * BAR_CHARS / 100);
        err.print(
                "\r"
                        + label
                        + " ["
                        + "#".repeat(filled)
                        + " ".repeat(BAR_CHARS - filled)
                        + "] "
                        + percent
                        + "% "
                        + done
                        + " of "
                        + total
                        + " bytes");
        err.flush();
    }

    /** Ends the line with the final byte count. */
    void finish(long totalBytes) {
        progress(totalBytes, totalBytes);
        err.println();
        err.flush();
    }
}
