package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ResultCode;

/** The node's connection budget is exhausted. Retried until the deadline. */
public final class MaxConnectionsException extends ServerException {
    private static final long serialVersionUID = 1L;

    MaxConnectionsException(ByteString serverMessage) {
        super(ResultCode.MAX_CONNECTIONS, serverMessage);
    }
}
