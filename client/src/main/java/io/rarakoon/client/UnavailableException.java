package io.rarakoon.client;

/**
 * No usable answer before the call's deadline (or its attempt limit): nodes unreachable, no master
 * found, or the last retryable error. Nothing was applied by the call; the cause is the last
 * failure seen. When that last failure was a retryable server answer (NOT_MASTER, MAX_CONNECTIONS,
 * GOING_DOWN) the client throws that {@link ServerException} instead.
 */
public final class UnavailableException extends ArakoonException {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
