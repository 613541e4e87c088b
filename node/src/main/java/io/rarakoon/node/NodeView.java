package io.rarakoon.node;

import io.rarakoon.kv.KvStore;
import io.rarakoon.paxos.Cluster;
import io.rarakoon.paxos.message.NodeId;

/**
 * What the loop's request handlers read: who this node is, its cluster and its store.
 *
 * @param self this node
 * @param cluster the cluster as consensus sees it
 * @param store the node's store; loop thread only
 */
record NodeView(NodeId self, Cluster cluster, KvStore store) {}
