package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ResultCode;

/** A user function failed; the store is unchanged. */
public final class UserFunctionFailureException extends ServerException {
    private static final long serialVersionUID = 1L;

    UserFunctionFailureException(ByteString serverMessage) {
        super(ResultCode.USER_FUNCTION_FAILURE, serverMessage);
    }
}
