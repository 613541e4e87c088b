/**
 * The deterministic simulator: the production node loop on simulated clock, disk and network, and a
 * linearizability checker.
 */
package io.rarakoon.sim;
