/**
 * A pure state machine for one outgoing peer connection, with backoff driven by handed-in time and
 * entropy.
 */
package io.rarakoon.connection;
