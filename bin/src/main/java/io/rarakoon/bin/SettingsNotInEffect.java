package io.rarakoon.bin;

import io.rarakoon.node.config.ClusterConfig;
import io.rarakoon.node.config.Compressor;
import io.rarakoon.node.config.NodeConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of the cluster file that a node accepts but does not act on yet, when they are set
 * to something other than the behaviour the node has anyway. A node warns about each at start-up
 * instead of ignoring it silently; the README lists them too.
 */
final class SettingsNotInEffect {
    private static final int CLIENT_BUFFER_DEFAULT = 32;
    private static final long STATISTICS_INTERVAL_DEFAULT_SECS = 300;

    private SettingsNotInEffect() {}

    /** One line per setting of {@code node} that differs from what the node does. */
    static List<String> of(ClusterConfig cluster, NodeConfig node) {
        List<String> lines = new ArrayList<>();
        if (!node.wal().fsync()) {
            lines.add("fsync = false: every accepted value is still fsynced");
        }
        if (!node.wal().fsyncDir()) {
            lines.add("wal.fsync_dir = false: directories are still fsynced");
        }
        if (node.wal().compressor() == Compressor.NONE) {
            lines.add("compressor = \"none\": completed segments are still compressed with zstd");
        }
        if (cluster.clientBufferCapacity() != CLIENT_BUFFER_DEFAULT) {
            lines.add("cluster.client_buffer_capacity: the node's own queue limits apply");
        }
        if (node.dropMessagesPermille() != 0) {
            lines.add("drop_messages_permille: no incoming message is dropped");
        }
        if (node.collapseSlowdown() != 0 || cluster.collapse().headCopyThrottling() != 0) {
            lines.add("collapse slowdown and head_copy_throttling: collapses run unthrottled");
        }
        if (cluster.logging().statisticsIntervalSecs() != STATISTICS_INTERVAL_DEFAULT_SECS) {
            lines.add("logging.statistics_interval_secs: statistics are not logged periodically");
        }
        return lines;
    }
}
