package io.rarakoon.wire;

/**
 * Makes a value of a copy of {@code length} bytes of {@code buffer} from {@code offset}, such as
 * {@code ByteString::copyOf}: the codec hands over a range of its own buffer, which the value
 * copies once.
 */
@FunctionalInterface
public interface RangeCopy<T> {
    T copy(byte[] buffer, int offset, int length);
}
