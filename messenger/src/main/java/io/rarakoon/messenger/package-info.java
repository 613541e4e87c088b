/** Node-to-node messaging: per-peer links over a Transport port, and its Netty adapter. */
package io.rarakoon.messenger;
