package io.rarakoon.client.protocol;

import java.util.List;

/** A typed, named value of the statistics payload (spec §9.5): type i32, name, body. */
public sealed interface NamedValue {
    /** Returns the value's name. */
    ByteString name();

    /**
     * Type 1, an i32 on the wire.
     *
     * @param name the name
     * @param value the value
     */
    record Int(ByteString name, int value) implements NamedValue {}

    /**
     * Type 2, an i64.
     *
     * @param name the name
     * @param value the value
     */
    record Int64(ByteString name, long value) implements NamedValue {}

    /**
     * Type 3, an IEEE-754 binary64 written as an i64.
     *
     * @param name the name
     * @param value the value
     */
    record Float(ByteString name, double value) implements NamedValue {}

    /**
     * Type 4, a string.
     *
     * @param name the name
     * @param value the value
     */
    record Text(ByteString name, ByteString value) implements NamedValue {}

    /**
     * Type 5, a list of named values in natural order.
     *
     * @param name the name
     * @param members the members
     */
    record Group(ByteString name, List<NamedValue> members) implements NamedValue {
        /** Copies the list so the record stays immutable. */
        public Group {
            members = List.copyOf(members);
        }
    }
}
