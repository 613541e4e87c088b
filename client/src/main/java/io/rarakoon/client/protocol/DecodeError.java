package io.rarakoon.client.protocol;

import java.util.Optional;

/**
 * Why bytes could not be decoded, with a message naming the field, the limit and the value seen.
 *
 * @param kind what went wrong
 * @param message a description for logs, naming the field
 */
public record DecodeError(Kind kind, String message) {
    private static final ByteString UNKNOWN_FAILURE = ByteString.utf8("unknown failure");
    private static final ByteString NOT_A_SEQUENCE = ByteString.utf8("should have been a sequence");

    /** The kinds of decode failure; each has one server reply (spec §4, §11.3). */
    public enum Kind {
        /** Wrong prologue magic, version or cluster id: close without writing. */
        BAD_PROLOGUE,
        /** A command word without the magic bits: {@code 01 00 00 00} without message, close. */
        NO_MAGIC,
        /** An unassigned command code: rc 5 + {@code "<hex>: command not found"}, close. */
        UNKNOWN_COMMAND,
        /** A bad bool, tag, or negative length or count: 0xFF {@code unknown failure}, close. */
        MALFORMED,
        /** A length or count above a {@link Limits} constant: 0xFF with this message, close. */
        TOO_LARGE,
        /** A sequence blob whose top-level update is not a Sequence: 0xFF, close. */
        NOT_A_SEQUENCE
    }

    static DecodeError malformed(String message) {
        return new DecodeError(Kind.MALFORMED, message);
    }

    static DecodeError tooLarge(String field, long seen, String limitName, long limit) {
        return new DecodeError(
                Kind.TOO_LARGE, field + " " + seen + " exceeds " + limitName + " " + limit);
    }

    static DecodeError unknownCommand(int code) {
        return new DecodeError(
                Kind.UNKNOWN_COMMAND, Integer.toHexString(code) + ": command not found");
    }

    /**
     * Returns what a server writes for this error and what it then does with the connection. The
     * frame, when present, must be flushed before closing.
     */
    public ServerReply reply() {
        return switch (kind) {
            case BAD_PROLOGUE -> new ServerReply(Optional.empty(), ConnectionFate.CLOSE);
            case NO_MAGIC ->
                    new ServerReply(
                            Optional.of(ByteString.wrap(new byte[] {1, 0, 0, 0})),
                            ConnectionFate.CLOSE);
            case UNKNOWN_COMMAND -> closing(ResultCode.NOT_FOUND, ByteString.utf8(message));
            case MALFORMED -> closing(ResultCode.UNKNOWN_FAILURE, UNKNOWN_FAILURE);
            case TOO_LARGE -> closing(ResultCode.UNKNOWN_FAILURE, ByteString.utf8(message));
            case NOT_A_SEQUENCE -> closing(ResultCode.UNKNOWN_FAILURE, NOT_A_SEQUENCE);
        };
    }

    private static ServerReply closing(ResultCode code, ByteString message) {
        return new ServerReply(
                Optional.of(
                        ByteString.wrap(
                                ResponseEncoder.encodeFailure(
                                        new Response.Failure(code, message)))),
                ConnectionFate.CLOSE);
    }
}
