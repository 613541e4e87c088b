package io.rarakoon.client.protocol;

import java.util.Optional;

/**
 * A node's key interval (spec §9.1): four options, written without a wrapper. Only the public pair
 * restricts keys; all absent means unrestricted.
 *
 * @param publicBegin inclusive lower bound of the keys this node serves
 * @param publicEnd exclusive upper bound of the keys this node serves
 * @param privateBegin private lower bound (stored, not checked)
 * @param privateEnd private upper bound (stored, not checked)
 */
public record Interval(
        Optional<ByteString> publicBegin,
        Optional<ByteString> publicEnd,
        Optional<ByteString> privateBegin,
        Optional<ByteString> privateEnd) {
    /** The unrestricted interval, {@code 00 00 00 00} on the wire. */
    public static final Interval ALL =
            new Interval(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
