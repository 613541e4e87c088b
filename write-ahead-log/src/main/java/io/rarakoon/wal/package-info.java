/**
 * The write-ahead log: CRC32C-checked segments over a Disk port, zstd for completed segments,
 * recovery and the Collapser.
 */
package io.rarakoon.wal;
