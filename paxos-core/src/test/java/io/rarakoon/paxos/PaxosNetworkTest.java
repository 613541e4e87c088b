package io.rarakoon.paxos;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rarakoon.paxos.message.NodeId;
import io.rarakoon.paxos.message.Prepare;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runs the deterministic {@link Network} of cores for many seeds (property {@code paxos.seeds},
 * default {@value #SEEDS_DEFAULT}; {@code paxos.seed} runs one seed, in hex with 0x or decimal) and
 * fails with a one-line reproducer for the first seed that breaks an invariant. Two planted bugs
 * prove that the checks can fail: a quorum of half the voters, and a node that promises while it
 * respects a live lease.
 */
class PaxosNetworkTest {

    private static final int SEEDS_DEFAULT = 5000;
    private static final int PLANTED_SEEDS_MAX = 300;
    private static final long[] REGRESSION_SEEDS = {};

    @Test
    void keepsInvariantsForEverySeed() {
        String single = System.getProperty("paxos.seed", "");
        if (!single.isEmpty()) {
            runOrFail(Long.decode(single));
            return;
        }
        for (long seed : REGRESSION_SEEDS) {
            runOrFail(seed);
        }
        int seeds = Integer.getInteger("paxos.seeds", SEEDS_DEFAULT);
        for (long seed = 0; seed < seeds; seed++) {
            runOrFail(seed);
        }
    }

    private static void runOrFail(long seed) {
        try {
            new Network(seed, Network.randomCluster(seed), Paxos::step).run();
        } catch (AssertionError | RuntimeException e) {
            fail(
                    "seed 0x"
                            + Long.toHexString(seed)
                            + " failed: "
                            + e.getMessage()
                            + "\nreproduce: mvn -B -ntp -pl paxos-core -Dtest=PaxosNetworkTest"
                            + " -Dpaxos.seed=0x"
                            + Long.toHexString(seed)
                            + " test",
                    e);
        }
    }

    @Test
    void findsViolationWithQuorumOfHalfTheVoters() {
        assertTrue(
                findsViolation(
                        seed -> {
                            Cluster cluster = Network.randomCluster(seed);
                            Cluster wrong = cluster.withQuorum(cluster.voters().size() / 2);
                            return new Network(seed, wrong, Paxos::step);
                        }));
    }

    @Test
    void findsViolationWhenANodePromisesDuringALiveLease() {
        NodeId bad = new NodeId("n1");
        Network.Stepper forgetsLease =
                (context, state, event) -> {
                    boolean prepare =
                            event instanceof Event.Received received
                                    && received.message() instanceof Prepare;
                    PaxosState planted =
                            prepare && state.self().equals(bad)
                                    ? state.withLease(Optional.empty())
                                    : state;
                    return Paxos.step(context, planted, event);
                };
        assertTrue(
                findsViolation(
                        seed -> new Network(seed, Network.randomCluster(seed), forgetsLease)));
    }

    private interface NetworkFactory {
        Network create(long seed);
    }

    private static boolean findsViolation(NetworkFactory factory) {
        for (long seed = 0; seed < PLANTED_SEEDS_MAX; seed++) {
            try {
                factory.create(seed).run();
            } catch (AssertionError e) {
                return true;
            }
        }
        return false;
    }
}
