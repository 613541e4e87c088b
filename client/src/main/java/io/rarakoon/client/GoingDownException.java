package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ResultCode;

/**
 * The node is shutting down. Retried for reads; a write that meets it is reported as {@link
 * OutcomeUnknownException}.
 */
public final class GoingDownException extends ServerException {
    private static final long serialVersionUID = 1L;

    GoingDownException(ByteString serverMessage) {
        super(ResultCode.GOING_DOWN, serverMessage);
    }
}
