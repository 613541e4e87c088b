package io.rarakoon.paxos;

import io.rarakoon.paxos.message.NodeId;
import java.util.List;

/**
 * Arakoon's timing constants (spec §7.2) as fractions of the lease period L, and its ballot
 * arithmetic (spec §1.3). Jitter comes from the step's entropy.
 */
final class Timing {

    private Timing() {}

    /** A candidate re-sends its Prepare after L/2 * (1 + U[0, 0.1)). */
    static long electionDeadline(Turn turn) {
        long half = turn.leaseMillis() / 2;
        return turn.now() + half + turn.jitter(half / 10);
    }

    /** A master re-sends its Accept after L/4 * (1 + U[0, 0.1)). */
    static long acceptDeadline(Turn turn) {
        long quarter = turn.leaseMillis() / 4;
        return turn.now() + quarter + turn.jitter(quarter / 10);
    }

    /**
     * A follower checks for a dead master L * (1.1 + U[0, 0.1)) after its last lease value; a
     * non-preferred node in PREFERRED mode waits another L/2, Arakoon's head start for the
     * preferred masters.
     */
    static long slaveDeadline(Turn turn, long fromMillis) {
        long lease = turn.leaseMillis();
        return fromMillis + lease + lease / 10 + turn.jitter(lease / 10) + headStart(turn);
    }

    /** A follower held back by a lease or a respect window retries just after it. */
    static long afterBlock(Turn turn, long blockedUntilMillis) {
        long lease = turn.leaseMillis();
        return blockedUntilMillis + 1 + turn.jitter(lease / 10) + headStart(turn);
    }

    private static long headStart(Turn turn) {
        return turn.cluster().isNonPreferred(turn.self()) ? turn.leaseMillis() / 2 : 0;
    }

    /** A master renews its lease every L/2. */
    static long renewalPeriod(Turn turn) {
        return turn.leaseMillis() / 2;
    }

    /** A node that promised respects the candidate for L/4. */
    static long respectPeriod(Turn turn) {
        return turn.leaseMillis() / 4;
    }

    /** The master's read lease: L shortened by twice the clock-rate drift bound (Limits). */
    static long readLeasePeriod(Turn turn) {
        long drift = Limits.CLOCK_RATE_DRIFT_PERMILLE_MAX;
        return turn.leaseMillis() * (1000 - 2 * drift) / 1000;
    }

    /** The voter that owns {@code term}: the one whose {@link #nextTerm} can give it. */
    static NodeId ownerOfTerm(List<NodeId> voters, long term) {
        List<NodeId> names = voters.stream().sorted().toList();
        return names.get((int) Math.floorMod(term, (long) names.size()));
    }

    /**
     * The smallest term above {@code term} owned by {@code self}: congruent to its position in the
     * sorted voter names modulo their count (spec §1.3), so no two nodes share a term.
     */
    static long nextTerm(List<NodeId> voters, NodeId self, long term) {
        List<NodeId> names = voters.stream().sorted().toList();
        long count = names.size();
        long position = names.indexOf(self);
        assert position >= 0 : self + " is not a voter";
        long step = position - Math.floorMod(term, count);
        if (step <= 0) {
            step += count;
        }
        return term + step;
    }
}
