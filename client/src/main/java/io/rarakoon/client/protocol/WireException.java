package io.rarakoon.client.protocol;

/** Ends a decode attempt early: either the bytes ran out or they are wrong. Internal. */
abstract sealed class WireException extends Exception
        permits WireException.Underflow, WireException.Malformed {
    private static final long serialVersionUID = 1L;

    WireException() {
        super(null, null, false, false); // control flow, not a bug: no stack trace
    }

    /** The bytes end before the item; {@code bytesMin} counts from the item's start. */
    static final class Underflow extends WireException {
        private static final long serialVersionUID = 1L;
        final int bytesMin;

        Underflow(int bytesMin) {
            this.bytesMin = bytesMin;
        }
    }

    /** The bytes are wrong. */
    static final class Malformed extends WireException {
        private static final long serialVersionUID = 1L;
        final transient DecodeError error;

        Malformed(DecodeError error) {
            this.error = error;
        }
    }
}
