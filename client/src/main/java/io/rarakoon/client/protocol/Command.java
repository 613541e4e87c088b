package io.rarakoon.client.protocol;

/**
 * Every command code of Arakoon 1.8 (protocol_common.ml {@code code2int}) plus LAST_ENTRIES3 of
 * 1.9, each with the shape of its success payload. The command word on the wire is {@code code |
 * 0xB1FF0000}.
 */
public enum Command {
    /** 0x01: hello; answers the server's version string. */
    PING(0x01, Shape.STRING),
    /** 0x02: the master this node knows of. */
    WHO_MASTER(0x02, Shape.OPTIONAL_STRING),
    /** 0x07. */
    EXISTS(0x07, Shape.BOOL),
    /** 0x08. */
    GET(0x08, Shape.STRING),
    /** 0x09. */
    SET(0x09, Shape.EMPTY),
    /** 0x0A. */
    DELETE(0x0A, Shape.EMPTY),
    /** 0x0B: keys, descending on the wire. */
    RANGE(0x0B, Shape.STRING_LIST),
    /** 0x0C: keys, descending on the wire. */
    PREFIX_KEYS(0x0C, Shape.STRING_LIST),
    /** 0x0D: answers the value before the operation. */
    TEST_AND_SET(0x0D, Shape.OPTIONAL_STRING),
    /** 0x0E: deprecated catch-up stream. */
    LAST_ENTRIES(0x0E, Shape.STREAM),
    /** 0x0F: entries, descending on the wire. */
    RANGE_ENTRIES(0x0F, Shape.ENTRY_LIST),
    /** 0x10. */
    SEQUENCE(0x10, Shape.EMPTY),
    /** 0x11: values, in the reverse of the request's key order on the wire. */
    MULTI_GET(0x11, Shape.STRING_LIST),
    /** 0x12. */
    EXPECT_PROGRESS_POSSIBLE(0x12, Shape.BOOL),
    /** 0x13: one named value. */
    STATISTICS(0x13, Shape.STATISTICS),
    /** 0x14: a count, then that many progress frames. */
    COLLAPSE_TLOGS(0x14, Shape.COLLAPSE),
    /** 0x15. */
    USER_FUNCTION(0x15, Shape.OPTIONAL_STRING),
    /** 0x16. */
    ASSERT(0x16, Shape.EMPTY),
    /** 0x17. */
    SET_INTERVAL(0x17, Shape.EMPTY),
    /** 0x18: a routing tree wrapped in a string. */
    GET_ROUTING(0x18, Shape.ROUTING),
    /** 0x19. */
    SET_ROUTING(0x19, Shape.EMPTY),
    /** 0x1A: an i64. */
    GET_KEY_COUNT(0x1A, Shape.INT64),
    /** 0x1B: an i64 length, then that many raw bytes. */
    GET_DB(0x1B, Shape.DB_STREAM),
    /** 0x1C. */
    CONFIRM(0x1C, Shape.EMPTY),
    /** 0x1D: entries in the reverse of the walk's order. */
    GET_FRINGE(0x1D, Shape.ENTRY_LIST),
    /** 0x1E: an interval, not wrapped. */
    GET_INTERVAL(0x1E, Shape.INTERVAL),
    /** 0x1F. */
    SET_NURSERY_CONFIG(0x1F, Shape.EMPTY),
    /** 0x20: routing tree and cluster configs wrapped in a string. */
    GET_NURSERY_CONFIG(0x20, Shape.NURSERY_CONFIG),
    /** 0x21. */
    SET_ROUTING_DELTA(0x21, Shape.EMPTY),
    /** 0x22. */
    MIGRATE_RANGE(0x22, Shape.EMPTY),
    /** 0x23: entries, ascending on the wire. */
    REV_RANGE_ENTRIES(0x23, Shape.ENTRY_LIST),
    /** 0x24. */
    SYNCED_SEQUENCE(0x24, Shape.EMPTY),
    /** 0x25. */
    OPTIMIZE_DB(0x25, Shape.EMPTY),
    /** 0x26. */
    DEFRAG_DB(0x26, Shape.EMPTY),
    /** 0x27: an i32 count of deleted keys. */
    DELETE_PREFIX(0x27, Shape.INT32),
    /** 0x28. */
    VERSION(0x28, Shape.VERSION),
    /** 0x29. */
    ASSERT_EXISTS(0x29, Shape.EMPTY),
    /** 0x30. */
    DROP_MASTER(0x30, Shape.EMPTY),
    /** 0x31: options, in the request's key order on the wire. */
    MULTI_GET_OPTION(0x31, Shape.OPTIONAL_LIST),
    /** 0x32. */
    CURRENT_STATE(0x32, Shape.STRING),
    /** 0x33: answers the previous value. */
    REPLACE(0x33, Shape.OPTIONAL_STRING),
    /** 0x40: catch-up stream. */
    LAST_ENTRIES2(0x40, Shape.STREAM),
    /** 0x41. */
    NOP(0x41, Shape.EMPTY),
    /** 0x42. */
    FLUSH_STORE(0x42, Shape.EMPTY),
    /** 0x43: a consistency value, always At_least. */
    GET_TXID(0x43, Shape.TXID),
    /** 0x44. */
    COPY_DB_TO_HEAD(0x44, Shape.EMPTY),
    /** 0x45: the hook writes its whole response itself, without a result code. */
    USER_HOOK(0x45, Shape.HOOK),
    /** 0x46 (1.9): catch-up stream. */
    LAST_ENTRIES3(0x46, Shape.STREAM);

    /** The magic bits of every command word and of the prologue. */
    public static final int MAGIC = 0xB1FF0000;

    private static final Command[] BY_CODE = byCode();

    private final int code;
    private final Shape shape;

    Command(int code, Shape shape) {
        this.code = code;
        this.shape = shape;
    }

    /** Returns the 16-bit command code. */
    public int code() {
        return code;
    }

    /** Returns the command word as written on the wire. */
    public int word() {
        return MAGIC | code;
    }

    /** Returns the shape of the success payload. */
    public Shape shape() {
        return shape;
    }

    /** Returns the command with this 16-bit code, or null if the code is unassigned. */
    static Command ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    private static Command[] byCode() {
        Command[] table = new Command[0x47];
        for (Command command : values()) {
            table[command.code] = command;
        }
        return table;
    }

    /** The layout of a command's success payload after the {@code 00 00 00 00} result code. */
    public enum Shape {
        /** Nothing. */
        EMPTY,
        /** One string. */
        STRING,
        /** An option of a string. */
        OPTIONAL_STRING,
        /** A bool. */
        BOOL,
        /** A list of strings (wire order per command). */
        STRING_LIST,
        /** A list of key/value pairs (wire order per command). */
        ENTRY_LIST,
        /** A list of options, in request order. */
        OPTIONAL_LIST,
        /** An i32. */
        INT32,
        /** An i64. */
        INT64,
        /** Major, minor, patch and an info string. */
        VERSION,
        /** A consistency value (GET_TXID). */
        TXID,
        /** A string holding one named value. */
        STATISTICS,
        /** An interval. */
        INTERVAL,
        /** A string holding a routing tree. */
        ROUTING,
        /** A string holding a routing tree and a table of cluster configurations. */
        NURSERY_CONFIG,
        /** An i64 length, then raw bytes the caller streams itself. */
        DB_STREAM,
        /** A frame count, then that many progress frames. */
        COLLAPSE,
        /** Catch-up parts the caller reads itself after the result code. */
        STREAM,
        /** Whatever the server-side hook writes; no result code. */
        HOOK
    }
}
