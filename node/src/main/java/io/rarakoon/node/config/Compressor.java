package io.rarakoon.node.config;

/** How completed WAL segments are stored. */
public enum Compressor {
    NONE,
    ZSTD
}
