package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ResultCode;

/**
 * The server refused the request's input: an unregistered user function, or an update too large to
 * replicate.
 */
public final class BadInputException extends ServerException {
    private static final long serialVersionUID = 1L;

    BadInputException(ByteString serverMessage) {
        super(ResultCode.BAD_INPUT, serverMessage);
    }
}
