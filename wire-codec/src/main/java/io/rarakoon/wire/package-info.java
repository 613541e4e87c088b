/** Kryo length-prefixed frames for node-to-node messages and the catch-up stream. */
package io.rarakoon.wire;
