package io.rarakoon.node;

import io.rarakoon.paxos.Cluster;
import io.rarakoon.paxos.message.Accept;
import io.rarakoon.paxos.message.Accepted;
import io.rarakoon.paxos.message.Message;
import io.rarakoon.paxos.message.Nak;
import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Prepare;
import io.rarakoon.paxos.message.Promise;
import java.util.TreeMap;

/**
 * The last instance this node saw from each peer and when (server semantics §1.16), for
 * expect_progress_possible and the statistics' node_is. A peer heard from within one lease period
 * counts as reachable. Loop thread only.
 */
final class PeerPositions {
    private record Seen(long index, long atMillis) {}

    private final TreeMap<NodeId, Seen> seen = new TreeMap<>();

    /** Records the instance {@code message} shows for {@code from}. */
    void heard(NodeId from, Message message, long nowMillis) {
        long index = -1;
        if (message instanceof Accept accept) {
            index = accept.index();
        } else if (message instanceof Accepted accepted) {
            index = accepted.index();
        } else if (message instanceof Prepare prepare) {
            index = prepare.index();
        } else if (message instanceof Promise promise) {
            index = promise.nextIndex() - 1;
        } else if (message instanceof Nak nak) {
            index = nak.nextIndex() - 1;
        }
        seen.put(from, new Seen(index, nowMillis));
    }

    /** The last instance seen from {@code peer}, -1 if none. */
    long indexOf(NodeId peer) {
        Seen last = seen.get(peer);
        return last == null ? -1 : last.index();
    }

    /**
     * True if this node plus the voters heard from within a lease period at {@code appliedIndex} or
     * one above make a quorum; false for an empty store. False positives are possible by design.
     */
    boolean progressPossible(Cluster cluster, NodeId self, long appliedIndex, long nowMillis) {
        if (appliedIndex < 0) {
            return false;
        }
        int count = cluster.isVoter(self) ? 1 : 0;
        for (NodeId voter : cluster.otherVoters(self)) {
            Seen last = seen.get(voter);
            boolean recent =
                    last != null && nowMillis - last.atMillis() < cluster.leasePeriodMillis();
            if (recent && (last.index() == appliedIndex || last.index() == appliedIndex + 1)) {
                count++;
            }
        }
        return count >= cluster.quorum();
    }
}
