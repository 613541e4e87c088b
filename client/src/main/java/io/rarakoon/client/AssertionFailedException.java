package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ResultCode;

/** An assert, assert_exists or a sequence assertion failed; nothing was changed. */
public final class AssertionFailedException extends ServerException {
    private static final long serialVersionUID = 1L;

    AssertionFailedException(ByteString serverMessage) {
        super(ResultCode.ASSERTION_FAILED, serverMessage);
    }
}
