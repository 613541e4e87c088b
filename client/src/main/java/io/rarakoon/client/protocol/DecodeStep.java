package io.rarakoon.client.protocol;

/**
 * The outcome of one decode attempt over buffered bytes.
 *
 * @param <T> what is decoded
 */
public sealed interface DecodeStep<T> {
    /**
     * The bytes end before the item does.
     *
     * @param bufferedBytesMin at least this many bytes (counted from the item's start) are needed
     *     before another attempt can succeed
     * @param <T> what is decoded
     */
    record NeedMoreBytes<T>(int bufferedBytesMin) implements DecodeStep<T> {}

    /**
     * A complete item.
     *
     * @param value the item
     * @param bytesConsumed how many bytes it took
     * @param <T> what is decoded
     */
    record Decoded<T>(T value, int bytesConsumed) implements DecodeStep<T> {}

    /**
     * The bytes cannot be decoded; a decoder that failed stays failed.
     *
     * @param error why
     * @param <T> what is decoded
     */
    record Failed<T>(DecodeError error) implements DecodeStep<T> {}
}
