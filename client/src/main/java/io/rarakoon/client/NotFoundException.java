package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ResultCode;

/** The key (or one of the keys) is absent, or a user function reported "not found". */
public final class NotFoundException extends ServerException {
    private static final long serialVersionUID = 1L;

    NotFoundException(ByteString serverMessage) {
        super(ResultCode.NOT_FOUND, serverMessage);
    }
}
