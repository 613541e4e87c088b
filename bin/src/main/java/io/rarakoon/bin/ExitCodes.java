package io.rarakoon.bin;

/** The exit codes of every rarakoon command; the README lists them for operators. */
final class ExitCodes {
    /** Success; for a node, a clean stop after SIGTERM or Ctrl-C. */
    static final int OK = 0;

    /**
     * The command failed: the server answered an error, a node stopped on a fatal error, or a local
     * file could not be read or written.
     */
    static final int FAILED = 1;

    /** Bad command line or cluster file; nothing was started or changed. */
    static final int USAGE = 2;

    /**
     * The node's log, head snapshot or promise file is corrupt, found at start-up or by the wal and
     * store tools (Arakoon's tlog checksum code).
     */
    static final int CORRUPT_STORAGE = 49;

    private ExitCodes() {}
}
