package io.rarakoon.node;

import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Everything through which a node loop touches the world besides its storage, so that production
 * and the simulator run the same loop.
 *
 * @param clock the only time the loop reads
 * @param scheduler runs the loop's turns and ticks, one at a time
 * @param random the only randomness; one draw per step (production: a SplittableRandom whose seed
 *     is logged; simulation: split from the run seed)
 * @param peers where Paxos messages go
 * @param background runs long work off the loop (an admin collapse); its results come back as
 *     answers to the waiting client
 * @param syncer forces the log of a catch-up batch while the loop goes on ({@link
 *     io.rarakoon.wal.Wal#startForce}); production: a thread of the node's own; simulation: runs
 *     the fsync at once, on the loop
 */
public record NodePorts(
        Clock clock,
        Scheduler scheduler,
        RandomGenerator random,
        PeerSender peers,
        Executor background,
        Executor syncer) {}
