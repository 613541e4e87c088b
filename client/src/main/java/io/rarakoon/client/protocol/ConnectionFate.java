package io.rarakoon.client.protocol;

/** What a server does with a client connection after writing a frame (spec §5.3). */
public enum ConnectionFate {
    /** Keep reading requests. */
    KEEP_OPEN,
    /** Flush what was written, then close. */
    CLOSE
}
