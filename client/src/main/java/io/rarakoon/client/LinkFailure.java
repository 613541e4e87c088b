package io.rarakoon.client;

import java.io.IOException;

/**
 * A connection failed (refused, reset, closed, timed out, or answered bytes that do not decode).
 * {@link #requestSent} tells whether the server may have received the whole request, which decides
 * whether a write's outcome is unknown.
 */
final class LinkFailure extends IOException {
    private static final long serialVersionUID = 1L;
    final boolean requestSent;

    LinkFailure(String message, boolean requestSent, Throwable cause) {
        super(message, cause);
        this.requestSent = requestSent;
    }
}
