package io.rarakoon.node;

import io.rarakoon.kv.UserFunctionRegistry;

/**
 * How a node opens its storage.
 *
 * @param entriesPerSegment the cluster's WAL segment size, identical on every node
 * @param valueBytesMax client values of this length or longer are refused when they arrive; the
 *     store applies whatever was committed
 * @param keyBytesMax client keys longer than this are refused when a write arrives; as for values,
 *     the store applies whatever was committed
 * @param functions the user functions the store may run; the same on every node, forever
 * @param replayLastEntry true in a single-voter cluster, whose last logged value is chosen by its
 *     own vote (spec §1.10); false otherwise, because the last value may never have been chosen
 */
public record StorageOptions(
        int entriesPerSegment,
        int valueBytesMax,
        int keyBytesMax,
        UserFunctionRegistry functions,
        boolean replayLastEntry) {}
