/**
 * The Netty adapter of the messenger's {@link io.rarakoon.messenger.Transport} port: the only
 * package of the project that imports Netty. Native epoll where it loads, NIO otherwise.
 */
package io.rarakoon.messenger.netty;
