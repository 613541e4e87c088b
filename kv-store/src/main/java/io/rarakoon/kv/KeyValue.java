package io.rarakoon.kv;

import java.util.Objects;

/** One user entry, as returned by range reads. */
public record KeyValue(Bytes key, Bytes value) {
    /** Rejects nulls. */
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
