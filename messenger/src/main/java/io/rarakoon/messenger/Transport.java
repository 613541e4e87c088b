package io.rarakoon.messenger;

/**
 * The byte-stream port under the messenger: connect, accept, write, close, and a timer. Production
 * uses {@code io.rarakoon.messenger.netty.NettyTransport}; the simulator implements it with
 * simulated streams under a seed, so {@link PeerMessenger} and everything below it run there
 * unchanged.
 *
 * <p>Thread-safety: every method may be called from any thread and must not block.
 */
public interface Transport {
    /**
     * Starts connecting to a peer. The outcome arrives on {@code handler}: {@code opened} then the
     * stream's events, or {@code connectFailed}.
     */
    void connect(PeerAddress address, StreamHandler handler);

    /**
     * Starts handing accepted streams to {@code acceptor}. Streams accepted before this call are
     * closed.
     */
    void listen(Acceptor acceptor);

    /** Runs {@code task} once, about {@code delayMillis} from now, on a transport thread. */
    void schedule(long delayMillis, Runnable task);
}
