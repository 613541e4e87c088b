package io.rarakoon.node.config;

/**
 * Cluster-wide write-ahead-log settings ({@code [wal]}).
 *
 * @param entriesPerSegment entries per segment; identical on every node so segments line up
 * @param fsync whether accepted values are fsynced before they are reported (default true)
 * @param fsyncDir whether directories are fsynced after files are created or renamed
 * @param compressor how completed segments are stored
 */
public record WalConfig(
        int entriesPerSegment, boolean fsync, boolean fsyncDir, Compressor compressor) {}
