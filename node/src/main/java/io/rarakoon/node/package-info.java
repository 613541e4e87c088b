/**
 * The node driver: one single-threaded loop per node that feeds events to the Paxos core and
 * executes its effects against the ports ({@link io.rarakoon.node.Clock}, {@link
 * io.rarakoon.node.Scheduler}, the WAL's Disk, {@link io.rarakoon.node.PeerSender}), so that
 * production and the simulator run the same code.
 *
 * <ul>
 *   <li>{@link io.rarakoon.node.NodeStorage}: start-up recovery (promise file, WAL, head snapshot,
 *       replay) into the core's DurableState; {@link io.rarakoon.node.CorruptStorageException} when
 *       the files are not what the node wrote.
 *   <li>{@link io.rarakoon.node.NodeLoop}: bounded turns, group commit through the effect executor,
 *       reads and admin queries, catch-up; {@link io.rarakoon.node.NodePorts} are its ports.
 *   <li>{@link io.rarakoon.node.ClientSession}: one client connection's bytes in, Arakoon's answers
 *       out, over any {@link io.rarakoon.node.ClientConnection}.
 *   <li>{@link io.rarakoon.node.Node}: the production wiring (NioDisk, threads, Netty).
 * </ul>
 */
package io.rarakoon.node;
