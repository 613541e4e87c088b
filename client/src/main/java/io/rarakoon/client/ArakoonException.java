package io.rarakoon.client;

/**
 * The root of the client's exceptions, all unchecked. Three branches: {@link ServerException} (the
 * server answered with an error code; nothing was changed by the failed call unless the code says
 * otherwise), {@link OutcomeUnknownException} (a write whose fate cannot be known) and {@link
 * UnavailableException} (no answer before the deadline).
 */
public abstract sealed class ArakoonException extends RuntimeException
        permits ServerException, OutcomeUnknownException, UnavailableException {
    private static final long serialVersionUID = 1L;

    ArakoonException(String message, Throwable cause) {
        super(message, cause);
    }
}
