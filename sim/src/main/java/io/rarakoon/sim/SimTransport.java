package io.rarakoon.sim;

import io.rarakoon.messenger.Acceptor;
import io.rarakoon.messenger.PeerAddress;
import io.rarakoon.messenger.StreamHandler;
import io.rarakoon.messenger.Transport;

/**
 * The messenger's {@link Transport} for one node incarnation, on the simulated {@link SimStreams}:
 * the production {@code PeerMessenger} (handshake, framing, reconnect with backoff, leaky send
 * buffers) runs on it unchanged. Timers run on the node's scheduler, on its own clock.
 */
final class SimTransport implements Transport {
    private final SimStreams streams;
    private final int node;
    private final SimScheduler context;

    SimTransport(SimStreams streams, int node, SimScheduler context) {
        this.streams = streams;
        this.node = node;
        this.context = context;
    }

    @Override
    public void connect(PeerAddress address, StreamHandler handler) {
        streams.connect(node, context, address, handler);
    }

    @Override
    public void listen(Acceptor acceptor) {
        streams.listen(node, context, acceptor);
    }

    @Override
    public void schedule(long delayMillis, Runnable task) {
        context.schedule(delayMillis, task);
    }
}
