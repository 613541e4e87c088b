/**
 * The node driver: one single-threaded loop per node that feeds events to the Paxos core and
 * executes its effects against the ports ({@link io.rarakoon.node.Clock}, {@link
 * io.rarakoon.node.Scheduler}, the WAL's Disk, the messenger), so that production and the simulator
 * run the same code.
 */
package io.rarakoon.node;
