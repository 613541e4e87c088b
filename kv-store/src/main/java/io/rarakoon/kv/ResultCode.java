package io.rarakoon.kv;

/**
 * Arakoon 1.8's result codes with their wire numbers (client protocol §5.2, Arakoon's
 * arakoon_exc.ml). The store produces only a few of them; the node maps every outcome to one.
 */
public enum ResultCode {
    /** Success. */
    OK(0x00),
    /** The command word lacks the magic bits. */
    NO_MAGIC(0x01),
    /** Defined by Arakoon, never sent. */
    NO_HELLO(0x03),
    /** A write or consistent read reached a node that is not the master. */
    NOT_MASTER(0x04),
    /** A key is absent (message = the key), or a user function raised "not found". */
    NOT_FOUND(0x05),
    /** Defined by Arakoon; 1.8 never sends it. */
    WRONG_CLUSTER(0x06),
    /** An assertion failed (message = the key, or a description for assert_range). */
    ASSERTION_FAILED(0x07),
    /** A write on a read-only cluster. */
    READ_ONLY(0x08),
    /** A key outside the node's public interval (nursery). */
    OUTSIDE_INTERVAL(0x09),
    /** The node is shutting down. */
    GOING_DOWN(0x10),
    /** An admin operation was refused. */
    NOT_SUPPORTED(0x20),
    /** Mastership was lost while an update was in flight: its outcome is unknown. */
    NO_LONGER_MASTER(0x21),
    /** A user function with an unregistered name. */
    BAD_INPUT(0x26),
    /** An at-least read on a node whose store is behind the requested stamp. */
    INCONSISTENT_READ(0x80),
    /** A user function raised an unexpected exception. */
    USERFUNCTION_FAILURE(0x81),
    /** A user hook with an unregistered name. */
    USERHOOK_NOT_FOUND(0x82),
    /** The connection budget is exhausted. */
    MAX_CONNECTIONS(0xfe),
    /** Anything else, e.g. "value too large". */
    UNKNOWN_FAILURE(0xff);

    private final int code;

    ResultCode(int code) {
        this.code = code;
    }

    /** The number sent on the wire as a little-endian int32. */
    public int code() {
        return code;
    }

    /** The result code with number {@code code}; unknown numbers map to UNKNOWN_FAILURE. */
    public static ResultCode fromCode(int code) {
        for (ResultCode candidate : values()) {
            if (candidate.code == code) {
                return candidate;
            }
        }
        return UNKNOWN_FAILURE;
    }
}
