package io.rarakoon.client.protocol;

import java.util.Optional;

/**
 * What a server writes and then does with the connection.
 *
 * @param frame the bytes to write and flush, if any
 * @param fate whether the connection stays open afterwards
 */
public record ServerReply(Optional<ByteString> frame, ConnectionFate fate) {
    /**
     * Returns the reply for an error answer, with the connection fate Arakoon gives that code (spec
     * §5.3).
     *
     * @param code a non-OK result code
     * @param message the message sent after it
     * @throws IllegalArgumentException if {@code code} is OK
     */
    public static ServerReply failure(ResultCode code, ByteString message) {
        if (code == ResultCode.OK) {
            throw new IllegalArgumentException("a failure needs a non-OK result code");
        }
        byte[] frame = ResponseEncoder.encodeFailure(new Response.Failure(code, message));
        return new ServerReply(Optional.of(ByteString.wrap(frame)), code.fate());
    }
}
