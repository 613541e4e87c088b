package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ResultCode;

/**
 * The server answered with a non-zero result code. Codes without a subclass of their own
 * (READ_ONLY, OUTSIDE_INTERVAL, NOT_SUPPORTED, USER_HOOK_NOT_FOUND, UNKNOWN_FAILURE, ...) arrive as
 * this class.
 */
public sealed class ServerException extends ArakoonException
        permits NotFoundException,
                NotMasterException,
                AssertionFailedException,
                GoingDownException,
                InconsistentReadException,
                MaxConnectionsException,
                BadInputException,
                UserFunctionFailureException {
    private static final long serialVersionUID = 1L;
    private final ResultCode resultCode;
    private final transient ByteString serverMessage;

    ServerException(ResultCode resultCode, ByteString serverMessage) {
        super(resultCode + ": " + serverMessage, null);
        this.resultCode = resultCode;
        this.serverMessage = serverMessage;
    }

    /** Returns the server's result code. */
    public ResultCode resultCode() {
        return resultCode;
    }

    /** Returns the server's message (for NOT_FOUND and ASSERTION_FAILED usually the key). */
    public ByteString serverMessage() {
        return serverMessage;
    }
}
