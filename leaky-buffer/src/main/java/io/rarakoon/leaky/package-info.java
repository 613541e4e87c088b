/** Bounded multi-producer, single-consumer queues that drop and count when full, never block. */
package io.rarakoon.leaky;
