package io.rarakoon.client.protocol;

/**
 * Arakoon's result codes (Incubaid/arakoon 1.8 {@code arakoon_exc.ml}), the first i32 of every
 * response, and what each one does to the connection (spec §5.2, §5.3).
 */
public enum ResultCode {
    /** Success. */
    OK(0x00, true),
    /** The command word lacks the magic bits; sent without a message. */
    NO_MAGIC(0x01, false),
    /** Historical (up to 1.6); kept so that an old server's answer still maps to a name. */
    TOO_MANY_DEAD_NODES(0x02, false),
    /** Defined, never sent. */
    NO_HELLO(0x03, false),
    /** The node is not the master; the message names the master or is {@code None}. */
    NOT_MASTER(0x04, false),
    /** Key absent (also: unknown command code, which closes the connection). */
    NOT_FOUND(0x05, true),
    /** Defined; 1.8 never sends it (a wrong cluster id gets {@link #UNKNOWN_FAILURE}). */
    WRONG_CLUSTER(0x06, false),
    /** An assert, assert_exists or sequence assertion failed; the message is the key. */
    ASSERTION_FAILED(0x07, true),
    /** A write on a read-only cluster. */
    READ_ONLY(0x08, false),
    /** A key outside the node's public interval. */
    OUTSIDE_INTERVAL(0x09, false),
    /** The node is shutting down. */
    GOING_DOWN(0x10, false),
    /** An admin operation refused by this node. */
    NOT_SUPPORTED(0x20, false),
    /** Mastership was lost while an update was in flight: it may or may not be applied. */
    NO_LONGER_MASTER(0x21, true),
    /** Bad input: unknown user function, or (1.9) an update too large to replicate. */
    BAD_INPUT(0x26, true),
    /** An At_least read on a node whose store is behind. */
    INCONSISTENT_READ(0x80, true),
    /** A user function failed. */
    USER_FUNCTION_FAILURE(0x81, false),
    /** USER_HOOK named an unregistered hook. */
    USER_HOOK_NOT_FOUND(0x82, false),
    /** The node's connection budget is exhausted (accept-time frame). */
    MAX_CONNECTIONS(0xFE, false),
    /** Anything else; also what a client maps unknown codes to. */
    UNKNOWN_FAILURE(0xFF, false);

    private final int wireValue;
    private final boolean keepsConnectionOpen;

    ResultCode(int wireValue, boolean keepsConnectionOpen) {
        this.wireValue = wireValue;
        this.keepsConnectionOpen = keepsConnectionOpen;
    }

    /** Returns the value as written on the wire (an i32). */
    public int wireValue() {
        return wireValue;
    }

    /**
     * Returns the server's connection fate after answering with this code (spec §5.3). The
     * unknown-command answer, which uses {@link #NOT_FOUND} but closes, is the one exception and is
     * handled by {@link DecodeError#reply()}.
     */
    public ConnectionFate fate() {
        return keepsConnectionOpen ? ConnectionFate.KEEP_OPEN : ConnectionFate.CLOSE;
    }

    /** Maps a wire value to its code; values Arakoon does not define map to UNKNOWN_FAILURE. */
    public static ResultCode fromWire(int wireValue) {
        for (ResultCode code : values()) {
            if (code.wireValue == wireValue) {
                return code;
            }
        }
        return UNKNOWN_FAILURE;
    }
}
