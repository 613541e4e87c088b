package io.rarakoon.paxos;

import io.rarakoon.paxos.message.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The part of the cluster configuration consensus needs, identical on every node.
 *
 * @param clusterId messages stamped with another id are ignored
 * @param voters the nodes that vote (witnesses included), in config order
 * @param witnesses voters that never become master (spec §1.13)
 * @param learners nodes that follow without voting (spec §1.13)
 * @param masterMode how the master is chosen
 * @param masters the forced master (FORCED) or the preferred masters (PREFERRED); else empty
 * @param quorum votes that make a quorum, usually a majority of the voters
 * @param leasePeriodMillis the master lease L
 */
public record Cluster(
        String clusterId,
        List<NodeId> voters,
        List<NodeId> witnesses,
        List<NodeId> learners,
        MasterMode masterMode,
        List<NodeId> masters,
        int quorum,
        long leasePeriodMillis) {

    /**
     * Validates the configuration as a whole.
     *
     * @throws IllegalArgumentException naming the field and the value that does not fit
     */
    public Cluster {
        voters = List.copyOf(voters);
        witnesses = List.copyOf(witnesses);
        learners = List.copyOf(learners);
        masters = List.copyOf(masters);
        requireDistinct(voters, learners);
        if (quorum < 1 || quorum > voters.size()) {
            throw new IllegalArgumentException(
                    "quorum " + quorum + " outside 1.." + voters.size() + " voters");
        }
        if (!voters.containsAll(witnesses) || !voters.containsAll(masters)) {
            throw new IllegalArgumentException("witnesses and masters must be voters");
        }
        if (masters.stream().anyMatch(witnesses::contains)) {
            throw new IllegalArgumentException("a witness cannot be a master: " + masters);
        }
        requireMastersFitMode(masterMode, masters, voters.size());
        if (leasePeriodMillis < Limits.LEASE_PERIOD_MILLIS_MIN) {
            throw new IllegalArgumentException(
                    "leasePeriodMillis "
                            + leasePeriodMillis
                            + " below LEASE_PERIOD_MILLIS_MIN "
                            + Limits.LEASE_PERIOD_MILLIS_MIN);
        }
    }

    /** An ELECTED cluster of {@code voters} with a majority quorum and no learners. */
    public static Cluster elected(String clusterId, List<NodeId> voters, long leasePeriodMillis) {
        return new Cluster(
                clusterId,
                voters,
                List.of(),
                List.of(),
                MasterMode.ELECTED,
                List.of(),
                voters.size() / 2 + 1,
                leasePeriodMillis);
    }

    /** This configuration with another master mode and master list. */
    public Cluster withMasterMode(MasterMode mode, List<NodeId> modeMasters) {
        return new Cluster(
                clusterId,
                voters,
                witnesses,
                learners,
                mode,
                modeMasters,
                quorum,
                leasePeriodMillis);
    }

    /** This configuration with a fixed quorum. */
    public Cluster withQuorum(int fixedQuorum) {
        return new Cluster(
                clusterId,
                voters,
                witnesses,
                learners,
                masterMode,
                masters,
                fixedQuorum,
                leasePeriodMillis);
    }

    /** This configuration with these witnesses and learners. */
    public Cluster withFollowers(List<NodeId> newWitnesses, List<NodeId> newLearners) {
        return new Cluster(
                clusterId,
                voters,
                newWitnesses,
                newLearners,
                masterMode,
                masters,
                quorum,
                leasePeriodMillis);
    }

    /** True for a voter (witnesses included). */
    public boolean isVoter(NodeId node) {
        return voters.contains(node);
    }

    /** True for a voter or a learner. */
    public boolean isMember(NodeId node) {
        return voters.contains(node) || learners.contains(node);
    }

    /** True if {@code node} may ever run an election (spec §1.2, §1.13). */
    public boolean mayRunForMaster(NodeId node) {
        if (!isVoter(node) || witnesses.contains(node)) {
            return false;
        }
        return masterMode != MasterMode.FORCED || masters.contains(node);
    }

    /** True in PREFERRED mode for a node that is not preferred: it waits before elections. */
    boolean isNonPreferred(NodeId node) {
        return masterMode == MasterMode.PREFERRED && !masters.contains(node);
    }

    /** The voters other than {@code self}, in config order. */
    public List<NodeId> otherVoters(NodeId self) {
        return voters.stream().filter(v -> !v.equals(self)).toList();
    }

    /** Every member other than {@code self}: the recipients of a master's Accept. */
    public List<NodeId> peers(NodeId self) {
        List<NodeId> peers = new ArrayList<>(otherVoters(self));
        learners.stream().filter(l -> !l.equals(self)).forEach(peers::add);
        return List.copyOf(peers);
    }

    private static void requireDistinct(List<NodeId> voters, List<NodeId> learners) {
        TreeSet<NodeId> all = new TreeSet<>(voters);
        all.addAll(learners);
        if (all.size() != voters.size() + learners.size() || voters.isEmpty()) {
            throw new IllegalArgumentException(
                    "voters " + voters + " and learners " + learners + " must be distinct");
        }
    }

    private static void requireMastersFitMode(MasterMode mode, List<NodeId> masters, int voters) {
        boolean fits =
                switch (mode) {
                    case FORCED -> masters.size() == 1;
                    case PREFERRED -> !masters.isEmpty();
                    case READ_ONLY -> masters.isEmpty() && voters == 1;
                    case ELECTED -> masters.isEmpty();
                };
        if (!fits) {
            throw new IllegalArgumentException(
                    "masterMode " + mode + " does not fit masters " + masters);
        }
    }
}
