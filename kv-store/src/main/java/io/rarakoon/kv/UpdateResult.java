package io.rarakoon.kv;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one update of a Paxos value: what {@link KvStore#apply} returns, per update, in
 * batch order. The node turns it into the client's reply.
 */
public sealed interface UpdateResult {

    /** The shared plain success. */
    Ok OK = new Ok();

    /** Success without payload (Set, Delete, Sequence, Assert, ...). */
    record Ok() implements UpdateResult {}

    /** Success with the old value (TestAndSet, Replace) or a user function's return value. */
    record OkValue(Optional<Bytes> value) implements UpdateResult {
        /** Rejects nulls. */
        public OkValue {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Success with a count: the number of keys a DeletePrefix deleted. */
    record OkCount(int count) implements UpdateResult {}

    /**
     * Failure with an Arakoon result code and message (raw bytes, as on the wire: a NOT_FOUND
     * message is the key). The update changed nothing.
     */
    record Failed(ResultCode code, Bytes message) implements UpdateResult {
        /** Rejects nulls and OK. */
        public Failed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            if (code == ResultCode.OK) {
                throw new IllegalArgumentException("a failed result cannot carry code OK");
            }
        }

        /** A failure whose message is the UTF-8 encoding of {@code message}. */
        public static Failed of(ResultCode code, String message) {
            return new Failed(code, Bytes.utf8(message));
        }
    }
}
