package io.rarakoon.client.protocol;

/**
 * A key and its value.
 *
 * @param key the key
 * @param value the value
 */
public record Entry(ByteString key, ByteString value) {}
