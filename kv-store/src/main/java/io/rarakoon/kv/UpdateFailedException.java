package io.rarakoon.kv;

import java.util.Objects;

/**
 * An update failed with an Arakoon result code. A user function throws it to fail with its own code
 * and message (Arakoon's rc-carrying exception); the store turns it into {@link
 * UpdateResult.Failed} after undoing the update's changes.
 */
public final class UpdateFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ResultCode code;
    private final Bytes failureMessage;

    /** Fails with {@code code} (not OK) and the raw message bytes. */
    public UpdateFailedException(ResultCode code, Bytes message) {
        super(code + " " + message);
        if (code == ResultCode.OK) {
            throw new IllegalArgumentException("a failure cannot carry code OK");
        }
        this.code = code;
        this.failureMessage = Objects.requireNonNull(message, "message");
    }

    /** Fails with {@code code} (not OK) and the UTF-8 encoding of {@code message}. */
    public UpdateFailedException(ResultCode code, String message) {
        this(code, Bytes.utf8(message));
    }

    /** The Arakoon result code. */
    public ResultCode code() {
        return code;
    }

    /** The message as sent to the client. */
    public Bytes failureMessage() {
        return failureMessage;
    }

    UpdateResult.Failed toResult() {
        return new UpdateResult.Failed(code, failureMessage);
    }
}
