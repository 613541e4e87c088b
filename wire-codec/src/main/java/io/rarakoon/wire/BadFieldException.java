package io.rarakoon.wire;

/**
 * Thrown by serializers (whose Kryo signature allows no checked exception) for a malformed field;
 * {@link WireCodec} turns it into a {@link MalformedFrameException}.
 */
final class BadFieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadFieldException(String message) {
        super(message, null, false, false);
    }
}
