package io.rarakoon.kv;

/** A read needed a user key that does not exist; the node answers NOT_FOUND with the key. */
public final class KeyNotFoundException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Bytes key;

    /** The read failed on {@code key}. */
    public KeyNotFoundException(Bytes key) {
        super("key not found: " + key);
        this.key = key;
    }

    /** The first missing key: the message of Arakoon's NOT_FOUND reply. */
    public Bytes key() {
        return key;
    }
}
