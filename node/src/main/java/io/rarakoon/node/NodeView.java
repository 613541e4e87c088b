package io.rarakoon.node;

import io.rarakoon.kv.KvStore;
import io.rarakoon.paxos.Cluster;
import io.rarakoon.paxos.message.NodeId;

/**
 * What the loop's request handlers read: who this node is, its cluster and its store.
 *
 * @param self this node
 * @param cluster the cluster as consensus sees it
 * @param storage the node's storage, whose store a catch-up may replace; loop thread only
 */
record NodeView(NodeId self, Cluster cluster, NodeStorage storage) {
    /** The node's current store. Loop thread only. */
    KvStore store() {
        return storage.store();
    }
}
