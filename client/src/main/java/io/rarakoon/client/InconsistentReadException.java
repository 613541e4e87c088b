package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ResultCode;

/** An At_least read reached a node whose store is behind the requested stamp. */
public final class InconsistentReadException extends ServerException {
    private static final long serialVersionUID = 1L;

    InconsistentReadException(ByteString serverMessage) {
        super(ResultCode.INCONSISTENT_READ, serverMessage);
    }
}
