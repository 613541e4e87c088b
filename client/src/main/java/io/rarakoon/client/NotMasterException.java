package io.rarakoon.client;

import io.rarakoon.client.protocol.ByteString;
import io.rarakoon.client.protocol.ResultCode;

/**
 * The node asked is not the master. The client retries these itself; callers see one only when the
 * deadline passes without finding the master.
 */
public final class NotMasterException extends ServerException {
    private static final long serialVersionUID = 1L;

    NotMasterException(ByteString serverMessage) {
        super(ResultCode.NOT_MASTER, serverMessage);
    }
}
