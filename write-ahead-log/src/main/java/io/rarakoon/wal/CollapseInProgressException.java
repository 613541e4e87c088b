package io.rarakoon.wal;

/**
 * A collapse was requested while another one runs on the same log; the admin command answers it
 * with E_UNKNOWN_FAILURE and this message, as Arakoon does.
 */
public final class CollapseInProgressException extends Exception {
    private static final long serialVersionUID = 1L;

    CollapseInProgressException() {
        super("Collapsing already in progress");
    }
}
