package io.rarakoon.bin;

/** The exit codes of every rarakoon command; the README lists them for operators. */
final class ExitCodes {
    /** Success; for a node, a clean stop after SIGTERM or Ctrl-C. */
    static final int OK = 0;

    /** The command failed: the server answered an error, or a node stopped on a fatal error. */
    static final int FAILED = 1;

    /** Bad command line or cluster file; nothing was started or changed. */
    static final int USAGE = 2;

    /** The node's log, head snapshot or promise file is corrupt (Arakoon's tlog checksum code). */
    static final int CORRUPT_STORAGE = 49;

    private ExitCodes() {}
}
