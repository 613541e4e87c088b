package io.rarakoon.paxos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rarakoon.paxos.message.NodeId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Examples for the cluster configuration's validation and roles, and for the term arithmetic of
 * spec §1.3 (every node owns its own residue of terms).
 */
class ClusterTest {

    private static final List<NodeId> VOTERS = ids("a", "b", "c");

    @Test
    void electedClusterHasMajorityQuorum() {
        assertEquals(2, Cluster.elected("x", VOTERS, 1000).quorum());
        assertEquals(3, Cluster.elected("x", ids("a", "b", "c", "d", "e"), 1000).quorum());
    }

    @Test
    void rejectsQuorumAboveVoters() {
        Cluster cluster = Cluster.elected("x", VOTERS, 1000);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> cluster.withQuorum(4));
        assertTrue(e.getMessage().contains("quorum 4"), e.getMessage());
    }

    @Test
    void rejectsLeaseBelowMinimum() {
        assertThrows(IllegalArgumentException.class, () -> Cluster.elected("x", VOTERS, 99));
    }

    @Test
    void rejectsForcedModeWithoutExactlyOneMaster() {
        Cluster cluster = Cluster.elected("x", VOTERS, 1000);
        assertThrows(
                IllegalArgumentException.class,
                () -> cluster.withMasterMode(MasterMode.FORCED, List.of()));
    }

    @Test
    void rejectsLearnerThatIsAlsoVoter() {
        Cluster cluster = Cluster.elected("x", VOTERS, 1000);
        assertThrows(
                IllegalArgumentException.class, () -> cluster.withFollowers(List.of(), ids("a")));
    }

    @Test
    void witnessesLearnersAndForcedSlavesNeverRun() {
        Cluster cluster = Cluster.elected("x", VOTERS, 1000).withFollowers(ids("c"), ids("d"));
        assertTrue(cluster.mayRunForMaster(new NodeId("a")));
        assertFalse(cluster.mayRunForMaster(new NodeId("c")));
        assertFalse(cluster.mayRunForMaster(new NodeId("d")));
        Cluster forced = cluster.withMasterMode(MasterMode.FORCED, ids("b"));
        assertFalse(forced.mayRunForMaster(new NodeId("a")));
        assertTrue(forced.mayRunForMaster(new NodeId("b")));
    }

    @Test
    void acceptsGoToOtherVotersAndLearners() {
        Cluster cluster = Cluster.elected("x", VOTERS, 1000).withFollowers(List.of(), ids("d"));
        assertEquals(ids("a", "c", "d"), cluster.peers(new NodeId("b")));
    }

    @Test
    void nextTermIsAboveAndOwnedByTheNodeAlone() {
        Set<Long> allTerms = new HashSet<>();
        int termCount = 0;
        for (NodeId node : VOTERS) {
            Set<Long> nodeTerms = new HashSet<>();
            for (long term = 0; term < 30; term++) {
                long next = Timing.nextTerm(VOTERS, node, term);
                assertTrue(next > term && next <= term + VOTERS.size());
                assertEquals(node, Timing.ownerOfTerm(VOTERS, next));
                nodeTerms.add(next);
            }
            termCount += nodeTerms.size();
            allTerms.addAll(nodeTerms);
        }
        assertEquals(termCount, allTerms.size(), "two nodes share a term");
    }

    private static List<NodeId> ids(String... names) {
        return Arrays.stream(names).map(NodeId::new).toList();
    }
}
